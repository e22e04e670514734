namespace AtdMonitor.Streaming.Rhythm;

/// <summary>
/// The time since one lead last showed a QRS: seconds since the last QRS-like slope, i.e. since the smoothed signal last
/// changed faster than <c>slopeFraction</c> of the lead's typical QRS slope, or the longest such gap that a QRS closed
/// inside the newest window (judged once a window, so a pause of 4.5 s that ends 0.7 s into a window is never 4 s old at
/// a window's end). The typical slope is learnt from the windows' steepest slopes, only from windows that look like they
/// hold a QRS, so a long asystole does not teach it that the flat line is normal; and never below
/// <see cref="MinimumTypicalSlope"/>, so a clock that starts in P-wave asystole does not take the P waves for QRS complexes.
/// </summary>
/// <param name="slopeFraction">The share of the typical QRS slope a slope needs to count as a QRS.</param>
public sealed class QrsSlopeClock(double slopeFraction)
{
    /// <summary>The least typical QRS slope, mV per second: about a low-voltage QRS (0.5 mV in 40 ms is 12.5 mV/s), and steep
    /// enough that a share of it stays above a P wave's (0.15 mV over about 40 ms, at most about 5 mV/s).</summary>
    public const double MinimumTypicalSlope = 20;

    private const int SmoothingSamples = 3;
    private const double MinimumSteepest = MinimumTypicalSlope * SmoothingSamples / SignalHistory.SampleRate;
    private const double Learning = 0.1;
    private readonly float[] _window = new float[SignalHistory.SampleRate];
    private double _typicalSlope;
    private DateTimeOffset? _lastQrs;
    private long _windowsSeen;

    /// <summary>Seconds since the last QRS-like slope of <paramref name="signal"/> (or the longest gap a QRS closed in its
    /// newest window); null before its first window, or when no window came since the last call.</summary>
    public double? Measure(SignalHistory signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var end = signal.End;
        // Counted, not timed: a device clock stepped back must not make every later window look already seen.
        if (!signal.TryReadNewest(_window) || signal.WindowsAdded == _windowsSeen)
        {
            return null;
        }

        if (signal.Length <= _window.Length)
        {
            // A fresh history (start or gap): forget where the last QRS was.
            _lastQrs = null;
        }

        _windowsSeen = signal.WindowsAdded;
        var start = end - SignalHistory.Seconds(_window.Length);
        var steepest = 0.0;
        var steepestAt = 0;
        var threshold = slopeFraction * _typicalSlope;
        var last = _lastQrs;
        var longestGap = TimeSpan.Zero;
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
                // A QRS that ends a pause inside this window: the pause counts, though the window ends after it.
                var at = start + SignalHistory.Seconds(i);
                longestGap = last is { } previous && at - previous > longestGap ? at - previous : longestGap;
                last = at;
            }
        }

        if (_typicalSlope <= 0 || steepest >= 0.5 * _typicalSlope)
        {
            _typicalSlope = Math.Max(MinimumSteepest, _typicalSlope <= 0 ? steepest : ((1 - Learning) * _typicalSlope) + (Learning * steepest));
            var steepestTime = start + SignalHistory.Seconds(steepestAt);
            last = last is { } l && l > steepestTime ? l : steepestTime;
        }

        _lastQrs = last ?? start;
        return Math.Max(longestGap.TotalSeconds, (end - _lastQrs.Value).TotalSeconds);
    }
}
