using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>
/// The RR interval ending at the newest beat, seconds (above 2 s is a pause), checked by a second detector on the signal
/// in the manner of the PhysioNet/CinC 2015 false-alarm work (agreement of two QRS detectors): when a slope as steep as
/// <see cref="PauseAlertRuleOptions.MissedBeatSlopeFraction"/> of the bounding beats' QRS slopes lies inside the
/// interval, the beat detector missed a beat there, and the figure is the longest stretch between QRS-like slopes.
/// Without the signal (or with the check off) it is the RR interval. Lead 1, when the bed sends it, is checked the same
/// way against its own QRS slopes (<see cref="Lead1QrsFreeSeconds"/>), for asystole only: a pause is no asystole while lead 1
/// shows beats in it, but a pause alarm stands on lead 0 (a noisy lead 1 would otherwise hide true pauses).
/// </summary>
/// <param name="options">The rule's options.</param>
/// <param name="lead0">The bed's lead 0, where the beats were detected.</param>
/// <param name="lead1">The bed's lead 1 (empty for a one-lead device).</param>
public sealed class PauseRule(PauseAlertRuleOptions options, SignalHistory lead0, SignalHistory lead1) : IBeatAlertRule
{
    /// <summary>Intervals shorter than this are not checked (no pause however many beats were missed).</summary>
    private const double CheckedFromSeconds = 1.5;

    private const int SmoothingSamples = 3;

    /// <summary>How far from each bounding R-peak its own QRS slopes lie; the check looks between these.</summary>
    private static readonly TimeSpan QrsHalfWidth = TimeSpan.FromMilliseconds(150);

    public string Type => AlertTypes.Pause;

    public double? Measure(BeatHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Latest is not { RrSeconds: > 0 } beat)
        {
            return null;
        }

        return Checked(beat) ? QrsFreeSeconds(lead0, options.MissedBeatSlopeFraction, beat.Time, beat.RrSeconds) : beat.RrSeconds;
    }

    /// <summary>Lead 1's longest stretch without a QRS-like slope in the interval ending at <paramref name="beat"/> (the
    /// interval itself when lead 1 is not held), asked only of a pause as long as asystole; null where the interval is not
    /// checked on lead 0 either.</summary>
    public double? Lead1QrsFreeSeconds(ClassifiedBeat beat)
    {
        ArgumentNullException.ThrowIfNull(beat);
        return Checked(beat) ? QrsFreeSeconds(lead1, AsystoleRule.Lead1SlopeFraction, beat.Time, beat.RrSeconds) : null;
    }

    public string Describe(double value) => $"pause: RR {value:0.00} s";

    private bool Checked(ClassifiedBeat beat) => options.MissedBeatSlopeFraction > 0 && beat.RrSeconds >= CheckedFromSeconds;

    /// <summary>The longest stretch of <paramref name="signal"/> between QRS-like slopes in the interval; the interval itself when the signal is not held.</summary>
    private static double QrsFreeSeconds(SignalHistory signal, double slopeFraction, DateTimeOffset end, double rrSeconds)
    {
        var start = end - TimeSpan.FromSeconds(rrSeconds) - QrsHalfWidth;
        var edge = (int)(QrsHalfWidth.TotalSeconds * SignalHistory.SampleRate);
        var samples = new float[(int)Math.Round(rrSeconds * SignalHistory.SampleRate) + (2 * edge)];
        if (!signal.TryRead(start, samples))
        {
            return rrSeconds;
        }

        var slopes = new double[samples.Length];
        for (var i = SmoothingSamples; i < samples.Length; i++)
        {
            slopes[i] = Math.Abs(samples[i] - samples[i - SmoothingSamples]);
        }

        var first = slopes.AsSpan(0, 2 * edge).ToArray().Max();
        var last = slopes.AsSpan(samples.Length - (2 * edge)).ToArray().Max();
        var threshold = slopeFraction * Math.Min(first, last);
        if (threshold <= 0)
        {
            return rrSeconds;
        }

        // The longest stretch between steep points, from the first beat's QRS to the last one's.
        var previous = -1;
        var longest = 0;
        var inside = false;
        for (var i = 0; i < slopes.Length; i++)
        {
            if (slopes[i] < threshold)
            {
                continue;
            }

            inside |= i > 2 * edge && i < samples.Length - (2 * edge);
            longest = previous >= 0 ? Math.Max(longest, i - previous) : longest;
            previous = i;
        }

        return inside ? Math.Min(rrSeconds, longest / (double)SignalHistory.SampleRate) : rrSeconds;
    }
}
