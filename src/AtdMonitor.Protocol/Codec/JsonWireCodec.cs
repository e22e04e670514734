using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Validation;

namespace AtdMonitor.Protocol.Codec;

/// <summary>
/// JSON for the worker's outputs (alerts, dead letters) and for alarm commands: rare, read by people and by other
/// systems, so self-describing text beats a compact layout there. Property names are snake_case.
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

    public static byte[] Encode(AlarmCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return JsonSerializer.SerializeToUtf8Bytes(
            new Dictionary<string, string?>
            {
                ["bed"] = command.Bed,
                ["action"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(command.Action.ToString()),
                ["alarm"] = command.Alarm,
                ["silence_for"] = command.SilenceFor?.ToString("c", CultureInfo.InvariantCulture),
                ["operator"] = command.Operator,
                ["issued_at"] = command.IssuedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            },
            Options);
    }

    /// <summary>
    /// Reads an alarm command strictly: one JSON object with exactly the fields bed, action, alarm, operator, issued_at
    /// and (for a silence) silence_for, each of its type; <see cref="WireFormatException"/> says which field is wrong.
    /// Bounds are <see cref="Validation.AlarmCommandRules"/>'s.
    /// </summary>
    public static AlarmCommand DecodeAlarmCommand(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 2 });
        }
        catch (JsonException ex)
        {
            throw new WireFormatException($"a command must be a JSON object: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new WireFormatException($"a command must be a JSON object, not {root.ValueKind.ToString().ToLowerInvariant()}.");
            }

            string[] known = ["bed", "action", "alarm", "silence_for", "operator", "issued_at"];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (Array.IndexOf(known, property.Name) < 0)
                {
                    throw new WireFormatException($"unknown command field '{WireText.Quote(property.Name)}' (bed, action, alarm, silence_for, operator, issued_at).");
                }

                if (!seen.Add(property.Name))
                {
                    throw new WireFormatException($"command field '{WireText.Quote(property.Name)}' appears twice.");
                }
            }

            var actionText = RequiredString(root, "action");
            var action = actionText switch
            {
                "acknowledge" => AlarmAction.Acknowledge,
                "silence" => AlarmAction.Silence,
                _ => throw new WireFormatException($"unknown action '{WireText.Quote(actionText)}' (acknowledge, silence)."),
            };

            TimeSpan? silenceFor = null;
            if (OptionalString(root, "silence_for") is { } silenceText)
            {
                silenceFor = TimeSpan.TryParseExact(silenceText, "c", CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw new WireFormatException($"silence_for '{WireText.Quote(silenceText)}' is not a duration hh:mm:ss.");
            }

            var issuedText = RequiredString(root, "issued_at");
            if (!DateTimeOffset.TryParse(issuedText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var issuedAt)
                || !issuedText.Contains('T', StringComparison.Ordinal))
            {
                throw new WireFormatException($"issued_at '{WireText.Quote(issuedText)}' is not an ISO 8601 date and time.");
            }

            return new AlarmCommand(RequiredString(root, "bed"), action, RequiredString(root, "alarm"), silenceFor, RequiredString(root, "operator"), issuedAt);
        }
    }

    public static AlertMessage DecodeAlert(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<AlertMessage>(json, Options) ?? throw new JsonException("An alert must be a JSON object, not null.");

    public static DeadLetterMessage DecodeDeadLetter(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<DeadLetterMessage>(json, Options) ?? throw new JsonException("A dead letter must be a JSON object, not null.");

    private static string RequiredString(JsonElement root, string name) =>
        OptionalString(root, name) ?? throw new WireFormatException($"the command has no {name}.");

    private static string? OptionalString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new WireFormatException($"{name} must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}.");
    }
}
