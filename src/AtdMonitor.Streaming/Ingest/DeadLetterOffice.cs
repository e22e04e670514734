using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Streaming.Health;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>Counts a rejected message, logs the reason, and publishes it on <c>atd/v1/deadletter</c> with a truncated payload.</summary>
public sealed partial class DeadLetterOffice(OutboundChannel outbound, PipelineMetrics metrics, ILogger<DeadLetterOffice> logger)
{
    public void Reject(ReceivedMessage message, string reason)
    {
        ArgumentNullException.ThrowIfNull(message);
        metrics.CountReject();
        LogRejected(message.Topic, reason);
        var letter = DeadLetterMessage.Create(message.Topic, reason, message.ReceivedAt, message.Payload);
        outbound.EnqueueDeadLetter(new OutboundMessage(AtdTopics.DeadLetter, JsonWireCodec.Encode(letter)));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rejected a message on {Topic}: {Reason}")]
    private partial void LogRejected(string topic, string reason);
}
