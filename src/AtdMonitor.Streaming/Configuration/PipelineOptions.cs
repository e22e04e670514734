using System.ComponentModel.DataAnnotations;

namespace AtdMonitor.Streaming.Configuration;

/// <summary>Queues, pairing and batching of the beat pipeline. Section <c>Pipeline</c>.</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>Windows (ECG + spectrogram messages) held between the MQTT callback and the pipeline; when full the oldest is dropped and counted.</summary>
    [Range(16, 1_000_000, ErrorMessage = "Pipeline:QueueCapacity must be between 16 and 1000000.")]
    public int QueueCapacity { get; set; } = 4096;

    /// <summary>How long an ECG window waits for its image before it is classified alone (image_missing), and how long a gap is waited for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00", ErrorMessage = "Pipeline:PairingTimeout must be between 00:00:00.010 and 00:01:00.")]
    public TimeSpan PairingTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Windows of one bed held to restore order before a missing sequence number is given up as a gap.</summary>
    [Range(1, 256, ErrorMessage = "Pipeline:ReorderWindow must be between 1 and 256.")]
    public int ReorderWindow { get; set; } = 8;

    /// <summary>Longest wait to fill an inference micro-batch.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10", ErrorMessage = "Pipeline:BatchWindow must be between 00:00:00.001 and 00:00:10.")]
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Most beats in one inference micro-batch (across beds).</summary>
    [Range(1, 65_536, ErrorMessage = "Pipeline:BatchSize must be between 1 and 65536.")]
    public int BatchSize { get; set; } = 256;

    /// <summary>Beats handed to the inference thread and not yet classified before the pipeline stops taking windows
    /// from the ingest queue (which then sheds its oldest); bounds the memory a slow model can hold.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Pipeline:MaxPendingBeats must be between 1 and 1000000.")]
    public int MaxPendingBeats { get; set; } = 4096;

    /// <summary>
    /// Most beds this worker holds state for; a window of a new bed beyond it is dead-lettered and counted. The default
    /// stays inside what one MQTT connection carries: the worker holds the acknowledgements of each bed's warm-up windows
    /// (ten messages with images) and the broker delivers at most 65,535 unacknowledged messages, about 5,400 beds; a
    /// worker admitting more would stall every bed (docs/RELIABILITY.md). Beyond that, shard.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "Pipeline:MaxBeds must be between 1 and 1000000.")]
    public int MaxBeds { get; set; } = 4_000;

    /// <summary>A bed that sent nothing for this long is evicted: its pairing, detector, image strip and alarms are released.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00", ErrorMessage = "Pipeline:EvictIdleBedsAfter must be between 00:00:10 and 1.00:00:00.")]
    public TimeSpan EvictIdleBedsAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How far a window's first-sample time may be from the worker's clock (device clocks, accelerated replays).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00", ErrorMessage = "Pipeline:MaxClockSkew must be between 00:01:00 and 3650.00:00:00.")]
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The <c>worker</c> tag of the <c>pipeline</c> measurement: which worker's health a point describes.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Pipeline:WorkerName must not be empty.")]
    public string WorkerName { get; set; } = "atd-worker";

    /// <summary>Period of the health log line and of the <c>pipeline</c> measurement.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Pipeline:HealthInterval must be between 00:00:01 and 01:00:00.")]
    public TimeSpan HealthInterval { get; set; } = TimeSpan.FromSeconds(10);
}
