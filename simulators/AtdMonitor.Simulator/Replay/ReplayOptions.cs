using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Simulator.Faults;

namespace AtdMonitor.Simulator.Replay;

/// <summary>How a replay runs: pace, length, what it sends and which faults it injects.</summary>
public sealed record ReplayOptions
{
    /// <summary>Times real time: 1 sends one window per bed per second, 20 sends twenty. Ignored when <see cref="AsFastAsPossible"/>.</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Send without pacing, as fast as the publisher accepts.</summary>
    public bool AsFastAsPossible { get; init; }

    /// <summary>Windows (seconds of signal) per bed.</summary>
    public int Windows { get; init; } = 60;

    /// <summary>Also send the reference beat labels of each window on <c>atd/v1/{bed}/truth</c>.</summary>
    public bool SendTruth { get; init; }

    public EcgSampleFormat SampleFormat { get; init; } = EcgSampleFormat.FloatingPoint;

    public FaultOptions Faults { get; init; } = FaultOptions.None;

    /// <summary>Publishes awaiting completion at once.</summary>
    public int MaxInFlight { get; init; } = 256;

    /// <summary>Workers the beds are sharded over; above 1 the windows go to the shard topics (docs/PROTOCOL.md).</summary>
    public int ShardCount { get; init; } = 1;

    /// <summary>
    /// Seconds of each bed's stream, from <c>From</c> (inclusive) to <c>To</c> (exclusive), in which its electrodes are off:
    /// the device sends a near-flat trace on every lead and reports them off (the ECG window's leads-off flags); null: never.
    /// </summary>
    public (int From, int To)? LeadsOff { get; init; }

    /// <summary>Wall-clock time of sample 0 of every bed; null takes the time the replay starts.</summary>
    public DateTimeOffset? Origin { get; init; }

    public void Validate()
    {
        if (!AsFastAsPossible && (double.IsNaN(Speed) || Speed <= 0 || double.IsInfinity(Speed)))
        {
            throw new ArgumentException($"--speed must be a positive number (got {Speed}); use --as-fast-as-possible for no pacing.");
        }

        if (Windows < 1)
        {
            throw new ArgumentException($"--duration must be at least one window, 1 s (got {Windows} windows).");
        }

        if (MaxInFlight < 1)
        {
            throw new ArgumentException($"--max-in-flight must be at least 1 (got {MaxInFlight}).");
        }

        if (LeadsOff is { } off && (off.From < 0 || off.To <= off.From))
        {
            throw new ArgumentException($"--leads-off must be FROM-TO seconds with 0 <= FROM < TO (got {off.From}-{off.To}).");
        }

        if (ShardCount is < 1 or > TopicSharding.MaxShardCount)
        {
            throw new ArgumentException($"--shard-count must be between 1 and {TopicSharding.MaxShardCount} (got {ShardCount}).");
        }

        Faults.Validate();
    }
}
