using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Streaming.Feed;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Sink;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>
/// Sends each alert event everywhere at once, without waiting: the store (never dropped), <c>atd/v1/{bed}/alert</c>
/// (the outbound alert lane, never dropped), the monitoring feed, and the <c>Alerts</c> log category whatever the sink.
/// Called on the thread that decided the alert, before the window behind it is acknowledged to the broker.
/// </summary>
public sealed partial class AlertPublisher(IMeasurementSink sink, OutboundChannel outbound, MonitoringFeed feed, PipelineMetrics metrics, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("Alerts");

    public void Publish(IEnumerable<AlertMessage> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        foreach (var alert in alerts)
        {
            Publish(alert);
        }
    }

    public void Publish(AlertMessage? alert)
    {
        if (alert is null)
        {
            return;
        }

        metrics.CountAlert();
        sink.Write([AlertPoint.Of(alert)], WritePriority.Alert);
        outbound.EnqueueAlert(new OutboundMessage(AtdTopics.Alert(alert.Bed), JsonWireCodec.Encode(alert)));
        feed.Publish(alert);
        if (alert.State == AlertState.Raise)
        {
            LogRaised(alert.Bed, alert.Type, alert.Message);
        }
        else
        {
            LogCleared(alert.Bed, alert.Type, alert.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ALERT {Bed} {Type}: {Text}")]
    private partial void LogRaised(string bed, string type, string text);

    [LoggerMessage(Level = LogLevel.Information, Message = "clear {Bed} {Type}: {Text}")]
    private partial void LogCleared(string bed, string type, string text);
}
