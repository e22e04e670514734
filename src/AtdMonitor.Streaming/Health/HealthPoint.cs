using AtdMonitor.Streaming.Sink;
using InfluxDB.Client.Writes;

namespace AtdMonitor.Streaming.Health;

/// <summary>The <c>pipeline</c> measurement: one point per health interval, tagged with the worker.</summary>
public static class HealthPoint
{
    public static PointData Of(HealthSnapshot health, string worker)
    {
        ArgumentNullException.ThrowIfNull(health);
        return PointData.Measurement("pipeline")
            .Tag("worker", worker)
            .Field("messages_in", health.MessagesIn)
            .Field("rejects", health.Rejects)
            .Field("dropped", health.Dropped)
            .Field("retained_ignored", health.RetainedIgnored)
            .Field("queue_depth", health.QueueDepth)
            .Field("lag_ms", health.LagMilliseconds)
            .Field("batch_size", health.LastBatchSize)
            .Field("inference_ms", health.LastInferenceMilliseconds)
            .Field("paired", health.Paired)
            .Field("unpaired", health.ImageMissing)
            .Field("orphan_images", health.OrphanImages)
            .Field("duplicates", health.Duplicates)
            .Field("late", health.Late)
            .Field("restarts", health.Restarts)
            .Field("gap_windows", health.GapWindows)
            .Field("beds_active", health.ActiveBeds)
            .Field("beds_evicted", health.BedsEvicted)
            .Field("beds_refused", health.BedsRefused)
            .Field("bed_faults", health.BedFaults)
            .Field("beats", health.Beats)
            .Field("batches", health.Batches)
            .Field("alerts", health.Alerts)
            .Field("deadletters_dropped", health.DeadLettersDropped)
            .Timestamp(health.Time, PointTime.Precision);
    }
}
