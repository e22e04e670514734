namespace AtdMonitor.Streaming.Health;

/// <summary>The pipeline's figures at one moment (totals since start, except the gauges).</summary>
public sealed record HealthSnapshot(
    DateTimeOffset Time,
    long MessagesIn,
    long Rejects,
    long Dropped,
    int QueueDepth,
    double LagMilliseconds,
    long Paired,
    long ImageMissing,
    long OrphanImages,
    long Duplicates,
    long Late,
    long GapWindows,
    long Beats,
    long Batches,
    int LastBatchSize,
    double LastInferenceMilliseconds,
    long Alerts,
    long DeadLettersDropped,
    long Restarts,
    long RetainedIgnored,
    long BedFaults,
    int ActiveBeds,
    long BedsEvicted,
    long BedsRefused);
