using MQTTnet;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>A QoS 1 message received with automatic acknowledgement turned off: the PUBACK goes out when acknowledged.</summary>
public sealed class MqttMessageReceipt(MqttApplicationMessageReceivedEventArgs received) : IMessageReceipt
{
    public Task AcknowledgeAsync(CancellationToken cancellationToken) => received.AcknowledgeAsync(cancellationToken);
}
