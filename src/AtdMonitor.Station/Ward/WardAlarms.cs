using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Station.Ward;

/// <summary>
/// The ward's alarms as the station shows them, from the alert events of the feed: the ones on the board by bed and
/// type, the last <see cref="RecentCapacity"/> in order of arrival, and the last <see cref="HistoryCapacity"/> of each
/// bed. A raise starts an alarm (or brings back a latched one); every later event of the worker's alarm system updates
/// it; a refused command changes nothing. <see cref="Version"/> tells a stream when to send the list again. Thread-safe.
/// </summary>
internal sealed class WardAlarms
{
    public const int RecentCapacity = 500;
    public const int HistoryCapacity = 50;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Bed, string Type), StationAlarm> _active = [];
    private readonly List<StationAlarm> _recent = [];
    private readonly Dictionary<string, List<StationAlarm>> _history = new(StringComparer.Ordinal);
    private long _nextId;

    public long Version { get; private set; }

    public void Apply(AlertMessage alert)
    {
        if (alert.State == AlertState.Refuse)
        {
            return;
        }

        lock (_gate)
        {
            var key = (alert.Bed, alert.Type);
            _active.TryGetValue(key, out var known);
            var alarm = new StationAlarm(
                known?.Id ?? ++_nextId,
                alert.Bed,
                alert.Type,
                alert.Priority ?? known?.Priority ?? AlarmPriority.Low,
                alert.Onset ?? known?.Onset ?? alert.Time,
                alert.State.ToString().ToLowerInvariant(),
                alert.Time,
                alert.Message,
                alert.Value,
                alert.State == AlertState.Raise ? null : alert.End ?? known?.End ?? (alert.State == AlertState.Clear ? alert.Time : null),
                alert.Acknowledgement ?? known?.Acknowledgement ?? AlarmAcknowledgement.Unacknowledged,
                alert.Latched || (known?.Latched ?? false),
                alert.Escalated || (known?.Escalated ?? false),
                alert.Operator ?? known?.Operator);
            if (known is null)
            {
                Add(alarm);
            }
            else
            {
                Replace(alarm);
            }

            if (alarm.IsActive)
            {
                _active[key] = alarm;
            }
            else
            {
                _active.Remove(key);
            }

            Version++;
        }
    }

    /// <summary>The most urgent alarm on the board of each bed that has one.</summary>
    public Dictionary<string, StationAlarm> MostUrgentByBed()
    {
        lock (_gate)
        {
            return _active.Values.GroupBy(a => a.Bed, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.Priority).ThenByDescending(a => a.Id).First(), StringComparer.Ordinal);
        }
    }

    /// <summary>The bed's alarm of <paramref name="type"/> now on the board, or null.</summary>
    public StationAlarm? OnBoard(string bed, string type)
    {
        lock (_gate)
        {
            return _active.GetValueOrDefault((bed, type));
        }
    }

    public StationAlarm? MostUrgent(string bed)
    {
        lock (_gate)
        {
            return _active.Values.Where(a => a.Bed == bed).OrderByDescending(a => a.Priority).ThenByDescending(a => a.Id).FirstOrDefault();
        }
    }

    /// <summary>The first <paramref name="limit"/> alarms in the order a nurse needs them (<see cref="ForTheNurse"/>).</summary>
    public IReadOnlyList<StationAlarm> Recent(int limit)
    {
        lock (_gate)
        {
            return ForTheNurse(_recent).Take(limit).ToList();
        }
    }

    /// <summary>The bed's alarms, in the order a nurse needs them (<see cref="ForTheNurse"/>).</summary>
    public IReadOnlyList<StationAlarm> History(string bed)
    {
        lock (_gate)
        {
            return _history.TryGetValue(bed, out var list) ? ForTheNurse(list).ToList() : [];
        }
    }

    /// <summary>
    /// Alarms on the board (active, or latched and awaiting acknowledgement) first, highest priority first, then those
    /// that ended; newest first within each, in the order the station received them. Why: the list holds the only
    /// Acknowledge buttons, so an alarm that needs one must never scroll off behind ended ones; and not by onset, which is
    /// the device's clock, and one bed's wrong clock must not push every other bed's alarms down.
    /// </summary>
    private static IEnumerable<StationAlarm> ForTheNurse(IEnumerable<StationAlarm> alarms) =>
        alarms.OrderByDescending(a => a.IsActive).ThenByDescending(a => a.IsActive ? a.Priority : default).ThenByDescending(a => a.Id);

    /// <summary>Drops the oldest alarm that is no longer on the board, or the oldest of all when every one still is.</summary>
    private static void DropOldest(List<StationAlarm> alarms)
    {
        var ended = alarms.FindIndex(a => !a.IsActive);
        alarms.RemoveAt(ended >= 0 ? ended : 0);
    }

    private void Add(StationAlarm alarm)
    {
        _recent.Add(alarm);
        if (_recent.Count > RecentCapacity)
        {
            DropOldest(_recent);
        }

        if (!_history.TryGetValue(alarm.Bed, out var list))
        {
            _history[alarm.Bed] = list = [];
        }

        list.Add(alarm);
        if (list.Count > HistoryCapacity)
        {
            DropOldest(list);
        }
    }

    private void Replace(StationAlarm alarm)
    {
        ReplaceIn(_recent, alarm);
        if (_history.TryGetValue(alarm.Bed, out var list))
        {
            ReplaceIn(list, alarm);
        }
    }

    private static void ReplaceIn(List<StationAlarm> list, StationAlarm alarm)
    {
        // Ids grow with each new alarm, so every list is sorted by id.
        var index = list.BinarySearch(alarm, Comparer<StationAlarm>.Create((a, b) => a.Id.CompareTo(b.Id)));
        if (index >= 0)
        {
            list[index] = alarm;
        }
    }
}
