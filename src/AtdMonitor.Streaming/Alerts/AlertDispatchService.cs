using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Streaming.Feed;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Sink;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>
/// Takes each alert event through the <see cref="AlarmSystem"/> (priority, latching, acknowledgement state), publishes
/// it on the monitoring feed, writes it to the sink (awaited) and queues it for <c>atd/v1/{bed}/alert</c>; drains what
/// is left at shutdown.
/// </summary>
public sealed partial class AlertDispatchService(AlertDispatcher dispatcher, AlarmSystem alarms, MonitoringFeed feed, IMeasurementSink sink, OutboundChannel outbound, PipelineMetrics metrics, ILogger<AlertDispatchService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await dispatcher.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await DispatchAvailableAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: the pipeline has drained before this service stops; write out what it left.
            await DispatchAvailableAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task DispatchAvailableAsync(CancellationToken cancellationToken)
    {
        while (dispatcher.Reader.TryRead(out var detected))
        {
            var alert = alarms.Track(detected);
            metrics.CountAlert();
            feed.Publish(alert);
            outbound.EnqueueAlert(new OutboundMessage(AtdTopics.Alert(alert.Bed), JsonWireCodec.Encode(alert)));
            try
            {
                await sink.WriteAlertAsync(alert, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or InfluxDB.Client.Core.Exceptions.InfluxException)
            {
                LogSinkFailed(alert.Bed, alert.Type, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing alert {Bed} {Type} to the store failed (it was still published on MQTT)")]
    private partial void LogSinkFailed(string bed, string type, Exception exception);
}
