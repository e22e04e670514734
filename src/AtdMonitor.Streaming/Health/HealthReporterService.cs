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
                await ReportAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        var h = metrics.Snapshot(time.GetUtcNow());
        LogHealth(h.MessagesIn, h.Rejects, h.Dropped, h.QueueDepth, h.LagMilliseconds, h.Paired, h.ImageMissing, h.OrphanImages, h.GapWindows, h.Beats, h.LastBatchSize, h.LastInferenceMilliseconds, h.Alerts, h.DeadLettersDropped);
        try
        {
            await sink.WriteHealthAsync(h, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InfluxDB.Client.Core.Exceptions.InfluxException)
        {
            LogSinkFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "health: in {MessagesIn} rejected {Rejects} dropped {Dropped} queue {QueueDepth} lag {LagMs:0} ms | paired {Paired} image-missing {ImageMissing} unpaired-images {OrphanImages} gap-windows {GapWindows} | beats {Beats} last batch {BatchSize} in {InferenceMs:0.0} ms | alerts {Alerts} dead-letters-dropped {DeadLettersDropped}")]
    private partial void LogHealth(long messagesIn, long rejects, long dropped, int queueDepth, double lagMs, long paired, long imageMissing, long orphanImages, long gapWindows, long beats, int batchSize, double inferenceMs, long alerts, long deadLettersDropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the pipeline health point failed")]
    private partial void LogSinkFailed(Exception exception);
}
