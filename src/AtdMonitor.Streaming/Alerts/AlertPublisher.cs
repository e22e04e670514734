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
/// Takes each detector event through the <see cref="AlarmSystem"/> (priority, latching, acknowledgement state) and sends
/// every event the alarm system publishes, in its order, everywhere at once, without waiting: the store (never
/// dropped), <c>atd/v1/{bed}/alert</c> (the outbound alert lane, never dropped), the monitoring feed, and the
/// <c>Alerts</c> log category whatever the sink. <see cref="Publish(AlertMessage?)"/> returns once its event is sent,
/// so the window behind it is acknowledged to the broker after its alert.
/// </summary>
public sealed partial class AlertPublisher : IDisposable
{
    private readonly IMeasurementSink _sink;
    private readonly OutboundChannel _outbound;
    private readonly MonitoringFeed _feed;
    private readonly PipelineMetrics _metrics;
    private readonly AlarmSystem _alarms;
    private readonly ILogger _logger;
    private readonly IDisposable _alarmEvents;

    private readonly TimeProvider _time;

    public AlertPublisher(IMeasurementSink sink, OutboundChannel outbound, MonitoringFeed feed, PipelineMetrics metrics, AlarmSystem alarms, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        ArgumentNullException.ThrowIfNull(loggers);
        _sink = sink;
        _outbound = outbound;
        _feed = feed;
        _metrics = metrics;
        _alarms = alarms;
        _time = time;
        _logger = loggers.CreateLogger("Alerts");
        _alarmEvents = alarms.Events.Subscribe(Send);
    }

    public void Publish(IEnumerable<AlertMessage> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        foreach (var alert in alerts)
        {
            Publish(alert);
        }
    }

    /// <summary>Publishes one detector event (raise or clear), if any.</summary>
    public void Publish(AlertMessage? detected)
    {
        if (detected is not null)
        {
            _alarms.Track(detected);
        }
    }

    /// <summary>Puts the alarms the journal kept across a restart back on the board (<see cref="AlarmSystem.Restore"/>);
    /// their events go out as every other, so this publisher must see them.</summary>
    public void RestoreJournaledAlarms() => _alarms.Restore();

    public void Dispose() => _alarmEvents.Dispose();

    private void Send(AlertMessage detected)
    {
        var alert = detected with { WallTime = _time.GetUtcNow() };
        _metrics.CountAlert();
        _sink.Write([AlertPoint.Of(alert)], WritePriority.Alert);
        _outbound.EnqueueAlert(new OutboundMessage(AtdTopics.Alert(alert.Bed), JsonWireCodec.Encode(alert)));
        _feed.Publish(alert);
        if (alert.State is AlertState.Raise or AlertState.Escalate)
        {
            LogRaised(alert.Bed, alert.Type, alert.Message);
        }
        else
        {
            LogEvent(alert.State, alert.Bed, alert.Type, alert.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ALERT {Bed} {Type}: {Text}")]
    private partial void LogRaised(string bed, string type, string text);

    [LoggerMessage(Level = LogLevel.Information, Message = "{State} {Bed} {Type}: {Text}")]
    private partial void LogEvent(AlertState state, string bed, string type, string text);
}
