using AtdMonitor.Simulator.Faults;

namespace AtdMonitor.Simulator.Replay;

/// <summary>What a replay sent; safe to read while it runs.</summary>
public sealed class ReplayStatistics
{
    private long _windows;
    private long _published;
    private long _failed;
    private long _bytes;
    private long _maxLagTicks;

    /// <summary>ECG windows taken from the records (before faults).</summary>
    public long Windows => Interlocked.Read(ref _windows);

    /// <summary>Messages the broker accepted (acknowledged at QoS 1).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Publishes that failed (broker away or refusing); those messages are lost.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>The furthest the replay fell behind its schedule: above a window period the sender itself is the bottleneck.</summary>
    public TimeSpan MaxLag => TimeSpan.FromTicks(Interlocked.Read(ref _maxLagTicks));

    public FaultCounters Faults { get; } = new();

    internal void CountWindow() => Interlocked.Increment(ref _windows);

    internal void CountPublished(int bytes)
    {
        Interlocked.Increment(ref _published);
        Interlocked.Add(ref _bytes, bytes);
    }

    internal void CountFailed() => Interlocked.Increment(ref _failed);

    internal void RecordLag(TimeSpan lag)
    {
        var ticks = lag.Ticks;
        long seen;
        while (ticks > (seen = Interlocked.Read(ref _maxLagTicks)) && Interlocked.CompareExchange(ref _maxLagTicks, ticks, seen) != seen)
        {
        }
    }
}
