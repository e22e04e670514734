using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Sink;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Health;

/// <summary>Every <c>Pipeline:HealthInterval</c>: one structured log line and one <c>pipeline</c> point with the health figures.</summary>
public sealed partial class HealthReporterService(PipelineMetrics metrics, IMeasurementSink sink, IOptions<PipelineOptions> options, TimeProvider time, ILogger<HealthReporterService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HealthInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Report();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private void Report()
    {
        var h = metrics.Snapshot(time.GetUtcNow());
        LogHealth(h.MessagesIn, h.Rejects, h.Dropped, h.RetainedIgnored, h.QueueDepth, h.LagMilliseconds, h.ActiveBeds, h.BedsEvicted, h.BedsRefused, h.BedFaults,
            h.Paired, h.ImageMissing, h.OrphanImages, h.GapWindows, h.Late, h.Restarts, h.Beats, h.LastBatchSize, h.LastInferenceMilliseconds, h.Alerts, h.DeadLettersDropped);
        sink.Write([HealthPoint.Of(h, options.Value.WorkerName)], WritePriority.Routine);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "health: in {MessagesIn} rejected {Rejects} dropped {Dropped} retained-ignored {RetainedIgnored} queue {QueueDepth} lag {LagMs:0} ms | beds {ActiveBeds} evicted {BedsEvicted} refused {BedsRefused} faults {BedFaults} | paired {Paired} image-missing {ImageMissing} unpaired-images {OrphanImages} gap-windows {GapWindows} late {Late} restarts {Restarts} | beats {Beats} last batch {BatchSize} in {InferenceMs:0.0} ms | alerts {Alerts} dead-letters-dropped {DeadLettersDropped}")]
    private partial void LogHealth(long messagesIn, long rejects, long dropped, long retainedIgnored, int queueDepth, double lagMs, int activeBeds, long bedsEvicted, long bedsRefused, long bedFaults,
        long paired, long imageMissing, long orphanImages, long gapWindows, long late, long restarts, long beats, int batchSize, double inferenceMs, long alerts, long deadLettersDropped);
}
