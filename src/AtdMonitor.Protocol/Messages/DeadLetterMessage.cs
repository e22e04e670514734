namespace AtdMonitor.Protocol.Messages;

/// <summary>A rejected message, published on <c>atd/v1/deadletter</c> (JSON).</summary>
/// <param name="Topic">The topic it arrived on.</param>
/// <param name="Reason">Why it was rejected, one line.</param>
/// <param name="ReceivedAt">When the worker received it.</param>
/// <param name="PayloadLength">Length of the original payload in bytes.</param>
/// <param name="Payload">The first bytes of the payload (at most <see cref="MaxPayloadBytes"/>), base64 in JSON.</param>
public sealed record DeadLetterMessage(string Topic, string Reason, DateTimeOffset ReceivedAt, int PayloadLength, byte[] Payload)
{
    /// <summary>How much of the original payload a dead letter keeps.</summary>
    public const int MaxPayloadBytes = 1024;

    /// <summary>A dead letter holding at most <see cref="MaxPayloadBytes"/> of <paramref name="payload"/>.</summary>
    public static DeadLetterMessage Create(string topic, string reason, DateTimeOffset receivedAt, ReadOnlySpan<byte> payload) =>
        new(topic, reason, receivedAt, payload.Length, payload[..Math.Min(payload.Length, MaxPayloadBytes)].ToArray());
}
