using System.ComponentModel.DataAnnotations;

namespace AtdMonitor.Streaming.Configuration;

/// <summary>
/// The worker's write buffer in front of InfluxDB. Section <c>Influx:Buffer</c>. Sized for a 60 s outage by default:
/// 100,000 points = 60 s × 500 beds × 3.3 beats/s (a bed in tachycardia at 200 bpm), about 40 MB of line protocol
/// (docs/RELIABILITY.md has the measurement).
/// </summary>
public sealed class InfluxBufferOptions : IValidatableObject
{
    public const string SectionName = "Influx:Buffer";

    /// <summary>Predictions, forecasts and health points held while the store is unreachable; beyond it the oldest are
    /// dropped, logged and counted. Alerts are held apart and never dropped.</summary>
    [Range(1_000, 10_000_000, ErrorMessage = "Influx:Buffer:Capacity must be between 1000 and 10000000 points.")]
    public int Capacity { get; set; } = 100_000;

    /// <summary>Most points in one write request.</summary>
    [Range(1, 50_000, ErrorMessage = "Influx:Buffer:BatchSize must be between 1 and 50000 points.")]
    public int BatchSize { get; set; } = 5_000;

    /// <summary>Longest time a point waits before it is written when the batch is not full.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00", ErrorMessage = "Influx:Buffer:FlushInterval must be between 00:00:00.010 and 00:01:00.")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>First delay before a failed write is retried; doubled per failure up to <see cref="RetryMaxDelay"/>, with ±20 % jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00", ErrorMessage = "Influx:Buffer:RetryMinDelay must be between 00:00:00.010 and 00:01:00.")]
    public TimeSpan RetryMinDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00", ErrorMessage = "Influx:Buffer:RetryMaxDelay must be between 00:00:00.010 and 00:05:00.")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long stopping the worker may spend writing out what is still buffered.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "Influx:Buffer:ShutdownTimeout must be between 00:00:00 and 00:05:00.")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Capacity < 2 * BatchSize)
        {
            yield return new ValidationResult("Influx:Buffer:Capacity must be at least twice Influx:Buffer:BatchSize (a batch being retried stays in the buffer).", [nameof(Capacity)]);
        }

        if (RetryMaxDelay < RetryMinDelay)
        {
            yield return new ValidationResult("Influx:Buffer:RetryMaxDelay must not be below Influx:Buffer:RetryMinDelay.", [nameof(RetryMaxDelay)]);
        }
    }
}
