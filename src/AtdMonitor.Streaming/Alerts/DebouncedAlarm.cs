using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>
/// The state machine shared by every rule: k-of-n votes to raise and to clear, two thresholds (hysteresis),
/// and a hold-off after each clear. The direction follows from the thresholds: Raise above Clear fires on high figures.
/// </summary>
public sealed class DebouncedAlarm(AlertRuleOptions options)
{
    private readonly AlertRuleOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly Queue<bool> _votes = new();
    private DateTimeOffset _holdOffUntil = DateTimeOffset.MinValue;

    public bool Active { get; private set; }

    /// <summary>True when the newest figure reached the raise threshold, whether or not the alarm is (yet) raised.</summary>
    public bool LatestReachesRaise { get; private set; }

    private bool FiresHigh => _options.Raise > _options.Clear;

    /// <summary>True when <paramref name="value"/> reaches the raise threshold.</summary>
    public bool ReachesRaise(double value) => FiresHigh ? value >= _options.Raise : value <= _options.Raise;

    /// <summary>Feeds one figure; returns the transition it causes, if any. <paramref name="suppressRaise"/> keeps an inactive alarm quiet.</summary>
    public AlertState? Update(double value, DateTimeOffset time, bool suppressRaise = false)
    {
        LatestReachesRaise = ReachesRaise(value);
        var vote = Active
            ? (FiresHigh ? value <= _options.Clear : value >= _options.Clear)
            : (FiresHigh ? value >= _options.Raise : value <= _options.Raise);
        _votes.Enqueue(vote);
        while (_votes.Count > _options.N)
        {
            _votes.Dequeue();
        }

        if (_votes.Count(v => v) < _options.K)
        {
            return null;
        }

        if (!Active && (suppressRaise || time < _holdOffUntil))
        {
            return null;
        }

        _votes.Clear();
        Active = !Active;
        if (!Active)
        {
            _holdOffUntil = time + _options.HoldOff;
            return AlertState.Clear;
        }

        return AlertState.Raise;
    }

    /// <summary>Forgets the votes (after a gap in the stream) without changing the state.</summary>
    public void ResetVotes() => _votes.Clear();
}
