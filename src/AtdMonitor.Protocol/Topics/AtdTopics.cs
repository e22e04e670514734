using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace AtdMonitor.Protocol.Topics;

/// <summary>The topic names of wire version 1 and their parser.</summary>
public static partial class AtdTopics
{
    /// <summary>Every topic of this contract starts with this prefix; a breaking change bumps it to <c>atd/v2</c>.</summary>
    public const string Prefix = "atd/v1";

    /// <summary>The dead-letter topic: rejected input with its reason.</summary>
    public const string DeadLetter = Prefix + "/deadletter";

    /// <summary>Subscription filters for everything the worker consumes.</summary>
    public static IReadOnlyList<string> InputFilters { get; } =
        [Prefix + "/+/ecg", Prefix + "/+/spectrogram", Prefix + "/+/reading", Prefix + "/+/truth", Prefix + "/+/command"];

    public static string Ecg(string bed) => Build(bed, "ecg");

    public static string Spectrogram(string bed) => Build(bed, "spectrogram");

    public static string Reading(string sensor) => Build(sensor, "reading");

    public static string Truth(string bed) => Build(bed, "truth");

    public static string Command(string bed) => Build(bed, "command");

    public static string Alert(string bed) => Build(bed, "alert");

    /// <summary>
    /// The topic of a worker's round-trip probe, <c>atd/v1/worker/{clientId}/roundtrip</c>: the worker publishes to it and
    /// subscribes to it (QoS 0), and nothing else uses it. Three levels after the prefix, so no input filter matches it.
    /// </summary>
    public static string RoundTrip(string clientId) => $"{Prefix}/worker/{clientId}/roundtrip";

    /// <summary>True when <paramref name="id"/> is a valid bed or sensor id: 1 to 64 of A-Z, a-z, 0-9, '_' or '-'.</summary>
    public static bool IsValidId([NotNullWhen(true)] string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>Splits <c>atd/v1/{id}/{kind}</c> or its shard form <c>atd/v1/shard/{k}/{id}/{kind}</c> (or the dead-letter topic); false for anything else, including ids that break the id syntax.</summary>
    public static bool TryParse(string topic, out TopicKind kind, out string id)
    {
        ArgumentNullException.ThrowIfNull(topic);
        kind = default;
        id = string.Empty;
        if (topic == DeadLetter)
        {
            kind = TopicKind.DeadLetter;
            return true;
        }

        // A shard topic (atd/v1/shard/{k}/{id}/{kind}, see TopicSharding) carries the same kind and id.
        if (TopicSharding.TryUnshard(topic, out _, out var plain))
        {
            topic = plain;
        }

        var parts = topic.Split('/');
        if (parts.Length != 4 || parts[0] + "/" + parts[1] != Prefix || !IsValidId(parts[2]))
        {
            return false;
        }

        TopicKind? parsed = parts[3] switch
        {
            "ecg" => TopicKind.Ecg,
            "spectrogram" => TopicKind.Spectrogram,
            "reading" => TopicKind.Reading,
            "truth" => TopicKind.Truth,
            "command" => TopicKind.Command,
            "alert" => TopicKind.Alert,
            _ => null,
        };
        if (parsed is null)
        {
            return false;
        }

        kind = parsed.Value;
        id = parts[2];
        return true;
    }

    private static string Build(string id, string leaf) =>
        IsValidId(id) ? $"{Prefix}/{id}/{leaf}" : throw new ArgumentException($"'{id}' is not a valid id: expected 1 to 64 of A-Z, a-z, 0-9, '_' or '-'.", nameof(id));

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
