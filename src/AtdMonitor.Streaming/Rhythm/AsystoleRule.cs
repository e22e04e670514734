using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>
/// Asystole from the signal, so that it is decided in real time (a beat leaves the beat pipeline only once the next
/// one is found, which during asystole never happens): seconds since lead 0 last showed a QRS (<see cref="QrsSlopeClock"/>),
/// confirmed on lead 1 when the bed sends it: the figure is the shorter of the two leads' times, so a lead whose
/// electrode loses contact or whose amplitude drops out is no asystole while the other lead still shows beats (the
/// worker raises a technical alarm for it instead). Higher figures fire (more than 4 s).
/// </summary>
/// <param name="lead1">The bed's lead 1, filled window by window alongside lead 0 (empty for a one-lead device).</param>
public sealed class AsystoleRule(SignalHistory lead1) : ISignalAlertRule
{
    /// <summary>The share of lead 0's typical QRS slope that counts as a QRS.</summary>
    public const double SlopeFraction = 0.3;

    /// <summary>The share of lead 1's typical QRS slope that counts as a QRS there: higher than lead 0's, so that a P or
    /// T wave of lead 1 does not call off the asystole lead 0 shows.</summary>
    public const double Lead1SlopeFraction = 0.6;

    private readonly QrsSlopeClock _lead0 = new(SlopeFraction);
    private readonly QrsSlopeClock _lead1 = new(Lead1SlopeFraction);

    public string Type => AlertTypes.Asystole;

    /// <summary>Lead 0's seconds without a QRS at the last <see cref="Measure"/>.</summary>
    public double? Lead0Seconds { get; private set; }

    /// <summary>Lead 1's seconds without a QRS at the last <see cref="Measure"/>; null when lead 1 did not come with lead 0's newest window.</summary>
    public double? Lead1Seconds { get; private set; }

    public double? Measure(SignalHistory signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        Lead0Seconds = _lead0.Measure(signal);
        Lead1Seconds = lead1.End == signal.End ? _lead1.Measure(lead1) : null;
        return Lead0Seconds is { } first && Lead1Seconds is { } second ? Math.Min(first, second) : Lead0Seconds;
    }

    public string Describe(double value) => value > 2 ? $"asystole: no QRS for {value:0.0} s" : "asystole: ended";
}
