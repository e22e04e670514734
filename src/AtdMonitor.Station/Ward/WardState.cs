using System.Collections.Concurrent;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Beats;

namespace AtdMonitor.Station.Ward;

/// <summary>
/// The ward as the station sees it: one <see cref="BedState"/> per bed that has sent a window, and the alarms. Fed by
/// <see cref="WardFeedService"/> off the pipeline's threads, read by the web endpoints. Thread-safe.
/// </summary>
public sealed class WardState
{
    private readonly ConcurrentDictionary<string, BedState> _beds = new(StringComparer.Ordinal);
    private long _droppedUpdates;

    internal WardAlarms Alarms { get; } = new();

    public int BedCount => _beds.Count;

    /// <summary>Windows and beats the feed queue dropped because the station fell behind.</summary>
    public long DroppedUpdates => Interlocked.Read(ref _droppedUpdates);

    /// <summary>Changes whenever an alarm changes.</summary>
    public long AlarmVersion => Alarms.Version;

    public void Apply(MonitoredWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        _beds.GetOrAdd(window.Bed, static bed => new BedState(bed)).Apply(window);
    }

    public void Apply(ClassifiedBeat beat)
    {
        ArgumentNullException.ThrowIfNull(beat);
        _beds.GetOrAdd(beat.Bed, static bed => new BedState(bed)).Apply(beat);
    }

    public void Apply(AlertMessage alert) => Alarms.Apply(alert);

    internal void CountDropped() => Interlocked.Increment(ref _droppedUpdates);

    /// <summary>One page of beds whose id contains <paramref name="search"/> (any case), alarming ones first.</summary>
    public WardPage Page(string? search, bool alarmingOnly, int page, int size)
    {
        var urgent = Alarms.MostUrgentByBed();
        var matching = _beds.Values
            .Where(b => string.IsNullOrEmpty(search) || b.Bed.Contains(search, StringComparison.OrdinalIgnoreCase))
            .Where(b => !alarmingOnly || urgent.ContainsKey(b.Bed))
            .Select(b => (State: b, Alarm: urgent.GetValueOrDefault(b.Bed)))
            .OrderByDescending(b => b.Alarm is null ? -1 : (int)b.Alarm.Priority)
            .ThenByDescending(b => b.Alarm?.Id ?? 0)
            .ThenBy(b => b.State.Bed, StringComparer.Ordinal)
            .ToList();
        var last = Math.Max(0, (matching.Count - 1) / size);
        page = Math.Clamp(page, 0, last);
        var tiles = matching.Skip(page * size).Take(size).Select(b => b.State.Tile(b.Alarm)).ToList();
        return new WardPage(matching.Count, page, size, tiles);
    }

    public BedTile? Tile(string bed) => _beds.TryGetValue(bed, out var state) ? state.Tile(Alarms.MostUrgent(bed)) : null;

    public BedDetail? Detail(string bed) =>
        _beds.TryGetValue(bed, out var state) ? new BedDetail(state.Tile(Alarms.MostUrgent(bed)), state.Trend(), Alarms.History(bed)) : null;

    /// <summary>The newest alarms, newest onset first.</summary>
    public IReadOnlyList<StationAlarm> RecentAlarms(int limit) => Alarms.Recent(limit);

    /// <summary>The bed's alarm of <paramref name="type"/> now on the board, or null.</summary>
    public StationAlarm? AlarmOnBoard(string bed, string type) => Alarms.OnBoard(bed, type);

    /// <summary>What is new on <paramref name="bed"/>'s strip since <paramref name="cursor"/>; null for a bed not seen.</summary>
    public StripChunk? ReadStrip(string bed, StripCursor cursor, double seconds, out StripCursor next)
    {
        if (_beds.TryGetValue(bed, out var state))
        {
            return state.ReadStrip(cursor, seconds, out next);
        }

        next = cursor;
        return null;
    }
}
