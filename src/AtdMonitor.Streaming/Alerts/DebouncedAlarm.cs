using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>
/// The state machine shared by every rule: k-of-n votes to raise and (its own k of n, by default the same) to clear, two thresholds (hysteresis),
/// a hold-off after each clear, and a minimum duration the raise votes must hold. The direction follows from the
/// thresholds: Raise above Clear fires on high figures.
/// </summary>
public sealed class DebouncedAlarm(AlertRuleOptions options)
{
    private readonly AlertRuleOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    // Each vote: when it was cast, and the time its figure describes (what onsets and ends are dated to).
    private readonly Queue<(bool Vote, DateTimeOffset Time, DateTimeOffset Describes)> _votes = new();
    private DateTimeOffset _holdOffUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _clearedAt = DateTimeOffset.MinValue;
    // While the raise votes hold: since when (the minimum duration counts from it), and the onset they date the condition to.
    private (DateTimeOffset Votes, DateTimeOffset Condition)? _raiseVotesSince;

    public bool Active { get; private set; }

    /// <summary>True while the raise votes hold but the minimum duration has not yet passed: the condition is there, not yet confirmed.</summary>
    public bool Pending => _raiseVotesSince is not null;

    /// <summary>When the condition of the active alarm began: the first of the k figures whose votes first raised it
    /// (cast after the hold-off ended), at the time that figure describes (never before the last clear). With k of n votes
    /// the condition was there from the first of them, not only from the k-th; a minimum duration still counts from the k-th.</summary>
    public DateTimeOffset? Onset { get; private set; }

    /// <summary>When the condition of the alarm that just cleared ended: the first of the k figures whose votes cleared it,
    /// at the time that figure describes, never before the onset (null while it is active). The clear is decided on the
    /// k-th; the condition was gone from the first.</summary>
    public DateTimeOffset? End { get; private set; }

    /// <summary>True when the newest figure reached the raise threshold, whether or not the alarm is (yet) raised.</summary>
    public bool LatestReachesRaise { get; private set; }

    private bool FiresHigh => _options.Raise > _options.Clear;

    /// <summary>True when <paramref name="value"/> reaches the raise threshold.</summary>
    public bool ReachesRaise(double value) => FiresHigh ? value >= _options.Raise : value <= _options.Raise;

    /// <summary>Feeds one figure; returns the transition it causes, if any. <paramref name="suppressRaise"/> keeps an inactive alarm quiet.
    /// <paramref name="describes"/> is the time the figure describes when that is before <paramref name="time"/> (a figure over
    /// a window of beats describes the window's middle): onsets and ends are dated to it; hold-off and minimum duration
    /// count in <paramref name="time"/>.</summary>
    public AlertState? Update(double value, DateTimeOffset time, bool suppressRaise = false, DateTimeOffset? describes = null)
    {
        LatestReachesRaise = ReachesRaise(value);
        var vote = Active
            ? (FiresHigh ? value <= _options.Clear : value >= _options.Clear)
            : (FiresHigh ? value >= _options.Raise : value <= _options.Raise);
        _votes.Enqueue((vote, time, describes is { } dated && dated < time ? dated : time));
        var (k, n) = Active ? (_options.ClearK ?? _options.K, _options.ClearN ?? _options.N) : (_options.K, _options.N);
        while (_votes.Count > n)
        {
            _votes.Dequeue();
        }

        if (_votes.Count(v => v.Vote) < k)
        {
            _raiseVotesSince = null;
            return null;
        }

        if (!Active)
        {
            // A muted or held-off figure restarts the minimum duration: it must pass on figures that could raise.
            if (suppressRaise || time < _holdOffUntil)
            {
                _raiseVotesSince = null;
                return null;
            }

            // The raise votes cast inside the hold-off do not date the condition; with none after it, this figure does.
            _raiseVotesSince ??= (time, _votes.Where(v => v.Vote && v.Time >= _holdOffUntil).Select(v => (DateTimeOffset?)v.Describes).FirstOrDefault() ?? time);
            if (time - _raiseVotesSince.Value.Votes < _options.MinimumDuration)
            {
                return null;
            }
        }

        // A clear dates the end of the condition to its first clear vote, never before the episode's onset (which a figure
        // dated before the last clear may have been moved to).
        DateTimeOffset? clearedFrom = Active ? _votes.First(v => v.Vote).Describes : null;
        clearedFrom = clearedFrom < Onset ? Onset : clearedFrom;
        _votes.Clear();
        Active = !Active;
        if (!Active)
        {
            _holdOffUntil = time + _options.HoldOff;
            _clearedAt = time;
            Onset = null;
            End = clearedFrom;
            return AlertState.Clear;
        }

        End = null;
        // A figure dated before the last clear cannot start a new episode before the previous one was cleared.
        Onset = _raiseVotesSince?.Condition is { } condition && condition < _clearedAt ? _clearedAt : _raiseVotesSince?.Condition;
        _raiseVotesSince = null;
        return AlertState.Raise;
    }

    /// <summary>The alert event of a transition <see cref="Update"/> returned, with this alarm's onset (a raise) or end (a clear).</summary>
    public AlertMessage Event(string source, DateTimeOffset time, string type, AlertState state, string message, double value) =>
        new(source, time, type, state, message, value) { Onset = Onset, End = state == AlertState.Clear ? End : null };

    /// <summary>Forgets the votes (after a gap in the stream) without changing the state.</summary>
    public void ResetVotes()
    {
        _votes.Clear();
        _raiseVotesSince = null;
    }

    /// <summary>Ends a hold-off at once: after the device's clock went back, a hold-off counted in its time would last as long as the step.
    /// The last clear, in the time before the step, no longer bounds the next onset either: kept, it would date an onset
    /// after its own raise (as long as the step) and the episode's end before its onset.</summary>
    public void EndHoldOff()
    {
        _holdOffUntil = DateTimeOffset.MinValue;
        _clearedAt = DateTimeOffset.MinValue;
    }
}
