using System.Diagnostics;
using AtdMonitor.Data.Beats;
using AtdMonitor.Simulator.Beds;
using AtdMonitor.Simulator.Replay;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Inference;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// Times each beat from the hand-over of the window that let the worker emit it to the moment its prediction was
/// written. Which window that is follows from the data layer's <see cref="StreamingBeatExtractor"/> run here on the same
/// samples (the worker's detector is the same code, chunk-size independent): a beat leaves when the next R-peak is found
/// and its window is complete, so the wait for the next beat is excluded by construction.
/// </summary>
internal sealed class CapacityLatencyTracker : IReplayObserver
{
    private readonly long[][] _handedOver;
    private readonly Dictionary<long, int>[] _emittingWindow;
    private readonly Dictionary<string, int> _bedIndex;
    private readonly List<(long Written, double Milliseconds)> _latencies = [];
    private readonly Lock _gate = new();
    private long _unknown;

    public CapacityLatencyTracker(IReadOnlyList<BedAssignment> plan, int windows)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _handedOver = [.. plan.Select(_ => new long[windows])];
        _bedIndex = plan.Select((b, i) => (b.Bed, i)).ToDictionary(x => x.Bed, x => x.i, StringComparer.Ordinal);
        _emittingWindow = new Dictionary<long, int>[plan.Count];
        Parallel.For(0, plan.Count, b => _emittingWindow[b] = EmittingWindows(plan[b], windows));
    }

    /// <summary>Beats written before this <see cref="Stopwatch"/> timestamp are not timed (warm-up).</summary>
    public long IgnoreBefore { get; set; }

    /// <summary>Written beats whose emitting window is unknown (e.g. the worker found a peak the replica did not).</summary>
    public long Unknown => Interlocked.Read(ref _unknown);

    public void OnWindowPublished(int bedIndex, long sequence, long timestamp)
    {
        if (sequence < _handedOver[bedIndex].Length)
        {
            _handedOver[bedIndex][sequence] = timestamp;
        }
    }

    /// <summary>Called with each beat the worker publishes and the time it was published.</summary>
    public void OnBeatWritten(ClassifiedBeat beat, long written)
    {
        if (written < IgnoreBefore)
        {
            return;
        }

        lock (_gate)
        {
            if (_bedIndex.TryGetValue(beat.Bed, out var bed) && _emittingWindow[bed].TryGetValue(beat.RPeakSample, out var window) && _handedOver[bed][window] != 0)
            {
                _latencies.Add((written, Stopwatch.GetElapsedTime(_handedOver[bed][window], written).TotalMilliseconds));
            }
            else
            {
                _unknown++;
            }
        }
    }

    /// <summary>Timed beats so far.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _latencies.Count;
            }
        }
    }

    /// <summary>The <paramref name="quantile"/> (0..1) of the latencies in ms; NaN when none.</summary>
    public double Percentile(double quantile)
    {
        lock (_gate)
        {
            return Quantile(_latencies.Select(l => l.Milliseconds), quantile);
        }
    }

    /// <summary>
    /// The median latency of the beats written in the last <paramref name="span"/> minus that of the first
    /// <paramref name="span"/> timed: near 0 when the worker keeps up, the growth of its backlog when it does not.
    /// </summary>
    public double MedianGrowth(TimeSpan span)
    {
        lock (_gate)
        {
            if (_latencies.Count == 0)
            {
                return double.NaN;
            }

            var ticks = (long)(span.TotalSeconds * Stopwatch.Frequency);
            var first = _latencies.Min(l => l.Written);
            var last = _latencies.Max(l => l.Written);
            return Quantile(_latencies.Where(l => l.Written >= last - ticks).Select(l => l.Milliseconds), 0.5)
                - Quantile(_latencies.Where(l => l.Written <= first + ticks).Select(l => l.Milliseconds), 0.5);
        }
    }

    /// <summary>Beats that windows <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive) let the worker emit, over all beds.</summary>
    public long ExpectedBeats(int from, int to) => _emittingWindow.Sum(bed => (long)bed.Values.Count(w => w >= from && w < to));

    private static double Quantile(IEnumerable<double> values, double quantile)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(quantile * sorted.Length))];
    }

    private static Dictionary<long, int> EmittingWindows(BedAssignment bed, int windows)
    {
        var extractor = new StreamingBeatExtractor(BeatSpec.SampleRate);
        extractor.Reset(0);
        var found = new List<ExtractedBeat>();
        var result = new Dictionary<long, int>();
        for (var n = 0; n < windows; n++)
        {
            var start = bed.RecordSample((long)n * WireWindow.SamplesPerWindow);
            found.Clear();
            extractor.Push(bed.Record.Lead0.AsSpan(start, WireWindow.SamplesPerWindow), found);
            foreach (var beat in found)
            {
                result[beat.RPeakSample] = n;
            }
        }

        return result;
    }
}
