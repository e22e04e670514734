using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Simulator.Scoring;

/// <summary>One alert of one bed from its raise to its clear (or the end of the replay), in stream samples.</summary>
public sealed record AlertInterval(string Bed, string Type, Episode Span)
{
    /// <summary>
    /// Pairs raise and clear events per bed and type, in time order (the alarm system's acknowledge, silence and
    /// escalate events neither start nor end one); an alert still raised at the end lasts until
    /// <paramref name="endSample"/>. An interval starts at the raise's onset where the detector put the onset before the
    /// raise (a minimum duration), and at the raise itself where the onset is older than the last clear (a latched
    /// alarm whose condition returns keeps its first onset). It ends at the clear's end where the detector put the end of
    /// the condition before the clear (k-of-n clear votes), never before its start. <paramref name="toSample"/> turns an
    /// event time into the bed's stream sample.
    /// </summary>
    public static IReadOnlyList<AlertInterval> FromEvents(IEnumerable<AlertMessage> events, Func<string, DateTimeOffset, long> toSample, long endSample)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(toSample);
        var intervals = new List<AlertInterval>();
        foreach (var group in events.GroupBy(e => (e.Bed, e.Type)))
        {
            long? raised = null;
            var lastClear = DateTimeOffset.MinValue;
            foreach (var e in group.OrderBy(e => e.Time))
            {
                var sample = toSample(e.Bed, e.Time);
                if (e.State == AlertState.Raise)
                {
                    raised ??= e.Onset is { } onset && onset < e.Time && onset >= lastClear ? toSample(e.Bed, onset) : sample;
                }
                else if (e.State == AlertState.Clear)
                {
                    lastClear = e.Time;
                    if (raised is { } start)
                    {
                        var end = e.End is { } ended && ended < e.Time ? toSample(e.Bed, ended) : sample;
                        intervals.Add(new AlertInterval(e.Bed, e.Type, new Episode(start, Math.Max(start, end))));
                        raised = null;
                    }
                }
            }

            if (raised is { } open)
            {
                intervals.Add(new AlertInterval(group.Key.Bed, group.Key.Type, new Episode(open, Math.Max(open, endSample))));
            }
        }

        return intervals;
    }
}
