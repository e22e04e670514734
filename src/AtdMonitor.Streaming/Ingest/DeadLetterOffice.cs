using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Streaming.Health;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>
/// Counts a rejected message, logs the reason, publishes it on <c>atd/v1/deadletter</c> with a truncated payload, and
/// lets the broker forget it: a message that will never be accepted is not worth a redelivery.
/// </summary>
public sealed partial class DeadLetterOffice(OutboundChannel outbound, AcknowledgementLedger acknowledgements, PipelineMetrics metrics, ILogger<DeadLetterOffice> logger)
{
    public void Reject(ReceivedMessage message, string reason)
    {
        ArgumentNullException.ThrowIfNull(message);
        Reject(message.Topic, message.Payload, message.ReceivedAt, reason, message.Receipt);
    }

    public void Reject(string topic, byte[] payload, DateTimeOffset receivedAt, string reason, IMessageReceipt receipt)
    {
        metrics.CountReject();
        LogRejected(topic, reason);
        var letter = DeadLetterMessage.Create(topic, reason, receivedAt, payload);
        outbound.EnqueueDeadLetter(new OutboundMessage(AtdTopics.DeadLetter, JsonWireCodec.Encode(letter)));
        acknowledgements.ReleaseAfterFlush(receipt);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rejected a message on {Topic}: {Reason}")]
    private partial void LogRejected(string topic, string reason);
}
