using AtdMonitor.Protocol.Topics;

namespace AtdMonitor.Simulator.Sensors;

/// <summary>How the ETT rows are replayed as sensor readings.</summary>
public sealed record SensorReplayOptions
{
    /// <summary>Sensors, each replaying the table from its own row offset.</summary>
    public int Sensors { get; init; } = 1;

    /// <summary>Wall time between two rows of one sensor at speed 1. The hourly ETT series is compressed to this period
    /// (an hour per row in real time would show nothing in a demo); readings keep the rows' own time stamps.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Times faster than <see cref="Interval"/>.</summary>
    public double Speed { get; init; } = 1;

    public bool AsFastAsPossible { get; init; }

    /// <summary>Workers the sensors are sharded over; above 1 the readings go to the shard topics.</summary>
    public int ShardCount { get; init; } = 1;

    /// <summary>Rows sent per sensor.</summary>
    public int Readings { get; init; } = 60;

    public void Validate()
    {
        if (Sensors < 1)
        {
            throw new ArgumentException($"--sensors must be at least 1 (got {Sensors}).");
        }

        if (Interval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"--reading-interval must be positive (got {Interval}).");
        }

        if (!AsFastAsPossible && (double.IsNaN(Speed) || Speed <= 0 || double.IsInfinity(Speed)))
        {
            throw new ArgumentException($"--speed must be a positive number (got {Speed}).");
        }

        if (ShardCount is < 1 or > TopicSharding.MaxShardCount)
        {
            throw new ArgumentException($"--shard-count must be between 1 and {TopicSharding.MaxShardCount} (got {ShardCount}).");
        }

        if (Readings < 1)
        {
            throw new ArgumentException($"At least one reading per sensor is needed (got {Readings}).");
        }
    }
}
