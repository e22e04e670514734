using AtdMonitor.Simulator.Records;
using AtdMonitor.Simulator.Replay;

namespace AtdMonitor.Simulator.Beds;

/// <summary>
/// Spreads N beds over the records: bed i replays record i mod R; beds that reuse a record start
/// <c>(i / R) × offset</c> later in it (whole windows, modulo its length), so no two beds send the same samples at once.
/// </summary>
public static class BedPlan
{
    /// <summary>Bed ids are <c>bed0001</c>, <c>bed0002</c>, ...: valid topic ids that sort in bed order.</summary>
    public static string BedId(int index) => $"bed{index + 1:D4}";

    public static IReadOnlyList<BedAssignment> Create(RecordLibrary library, IReadOnlyList<string> records, int beds, TimeSpan reuseOffset)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfLessThan(beds, 1);
        if (records.Count == 0)
        {
            throw new ArgumentException("At least one record is needed to plan beds.", nameof(records));
        }

        var offsetWindows = (long)Math.Round(reuseOffset.TotalSeconds * WireWindow.SampleRate / WireWindow.SamplesPerWindow);
        var plan = new BedAssignment[beds];
        for (var i = 0; i < beds; i++)
        {
            var record = library.Get(records[i % records.Count]);
            var windows = record.Length / WireWindow.SamplesPerWindow;
            var start = windows == 0 ? 0 : (int)(i / records.Count * offsetWindows % windows * WireWindow.SamplesPerWindow);
            plan[i] = new BedAssignment(BedId(i), record, start);
        }

        return plan;
    }
}
