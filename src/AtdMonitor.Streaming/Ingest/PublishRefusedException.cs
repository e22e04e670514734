using MQTTnet;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>
/// The broker answered a QoS 1 publish with a reason code that is not success (the ACL, a quota, a message it takes for
/// malformed): this message was refused, the connection is fine.
/// </summary>
public sealed class PublishRefusedException : Exception
{
    public PublishRefusedException()
    {
    }

    public PublishRefusedException(string message)
        : base(message)
    {
    }

    public PublishRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PublishRefusedException(MqttClientPublishReasonCode reasonCode, string? reasonString)
        : base($"the broker refused it ({reasonCode}{(string.IsNullOrEmpty(reasonString) ? string.Empty : ": " + reasonString)})")
    {
        ReasonCode = reasonCode;
    }

    /// <summary>The broker's reason code; <see cref="MqttClientPublishReasonCode.UnspecifiedError"/> when not given.</summary>
    public MqttClientPublishReasonCode ReasonCode { get; } = MqttClientPublishReasonCode.UnspecifiedError;
}
