using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>
/// Asystole from the signal, so that it is decided in real time (a beat leaves the beat pipeline only once the next
/// one is found, which during asystole never happens): seconds since the last QRS-like slope, i.e. since the smoothed
/// signal last changed faster than <see cref="SlopeFraction"/> of the bed's typical QRS slope. The typical slope is
/// learnt from the windows' steepest slopes, only from windows that look like they hold a QRS, so a long asystole does
/// not teach it that the flat line is normal. Higher figures fire (more than 4 s).
/// </summary>
public sealed class AsystoleRule : ISignalAlertRule
{
    public const double SlopeFraction = 0.3;

    private const int SmoothingSamples = 3;
    private const double Learning = 0.1;
    private readonly float[] _window = new float[SignalHistory.SampleRate];
    private double _typicalSlope;
    private DateTimeOffset? _lastQrs;
    private DateTimeOffset _seen = DateTimeOffset.MinValue;

    public string Type => AlertTypes.Asystole;

    public double? Measure(SignalHistory signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var end = signal.End;
        if (!signal.TryReadNewest(_window) || end <= _seen)
        {
            return null;
        }

        if (signal.Length <= _window.Length)
        {
            // A fresh history (start or gap): forget where the last QRS was.
            _lastQrs = null;
        }

        _seen = end;
        var start = end - SignalHistory.Seconds(_window.Length);
        var steepest = 0.0;
        var steepestAt = 0;
        var lastSteep = -1;
        var threshold = SlopeFraction * _typicalSlope;
        for (var i = SmoothingSamples; i < _window.Length; i++)
        {
            var slope = Math.Abs(_window[i] - _window[i - SmoothingSamples]);
            if (slope > steepest)
            {
                steepest = slope;
                steepestAt = i;
            }

            if (_typicalSlope > 0 && slope >= threshold)
            {
                lastSteep = i;
            }
        }

        if (_typicalSlope <= 0 || steepest >= 0.5 * _typicalSlope)
        {
            _typicalSlope = _typicalSlope <= 0 ? steepest : ((1 - Learning) * _typicalSlope) + (Learning * steepest);
            lastSteep = Math.Max(lastSteep, steepestAt);
        }

        if (lastSteep >= 0)
        {
            _lastQrs = start + SignalHistory.Seconds(lastSteep);
        }

        _lastQrs ??= start;
        return (end - _lastQrs.Value).TotalSeconds;
    }

    public string Describe(double value) => value > 2 ? $"asystole: no QRS for {value:0.0} s" : "asystole: ended";
}
