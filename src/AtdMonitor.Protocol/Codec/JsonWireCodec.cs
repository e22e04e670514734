using System.Text.Json;
using System.Text.Json.Serialization;
using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Protocol.Codec;

/// <summary>
/// JSON for the worker's outputs (alerts, dead letters): rare, read by people and by other systems,
/// so self-describing text beats a compact layout there. Property names are snake_case.
/// </summary>
public static class JsonWireCodec
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static byte[] Encode(AlertMessage alert) => JsonSerializer.SerializeToUtf8Bytes(alert, Options);

    public static byte[] Encode(DeadLetterMessage deadLetter) => JsonSerializer.SerializeToUtf8Bytes(deadLetter, Options);

    public static AlertMessage DecodeAlert(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<AlertMessage>(json, Options) ?? throw new JsonException("An alert must be a JSON object, not null.");

    public static DeadLetterMessage DecodeDeadLetter(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<DeadLetterMessage>(json, Options) ?? throw new JsonException("A dead letter must be a JSON object, not null.");
}
