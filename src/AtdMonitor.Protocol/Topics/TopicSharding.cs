using System.Globalization;
using System.Text;

namespace AtdMonitor.Protocol.Topics;

/// <summary>
/// Shard topics, for spreading beds over N workers with any broker: the input topics of id <c>b</c> move under
/// <c>atd/v1/shard/{k}/{b}/{ecg|spectrogram|reading|truth|command}</c> with <c>k = ShardOf(b, N)</c>, and worker <c>k</c>
/// subscribes to its shard only, so every message of a bed reaches exactly one worker. Publishers (devices, gateways,
/// the simulator) and workers must use the same function and the same N. With N = 1 the plain topics are used.
/// </summary>
public static class TopicSharding
{
    /// <summary>Topics under this prefix carry a shard number as their next level.</summary>
    public const string ShardPrefix = AtdTopics.Prefix + "/shard";

    /// <summary>The most shards a deployment may have (keeps the shard level short; far beyond any broker fan-out).</summary>
    public const int MaxShardCount = 1024;

    /// <summary>
    /// The shard of an id: FNV-1a 32-bit hash of the id's UTF-8 bytes (offset basis 2166136261, prime 16777619),
    /// taken modulo <paramref name="shardCount"/> as an unsigned number. Stable across processes, platforms and
    /// languages (unlike <see cref="string.GetHashCode()"/>, which is randomised per process).
    /// </summary>
    public static int ShardOf(string id, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(id);
        CheckShardCount(shardCount);
        return (int)(Fnv1a32(Encoding.UTF8.GetBytes(id)) % (uint)shardCount);
    }

    /// <summary>FNV-1a, 32 bits: for each byte, hash = (hash XOR byte) × 16777619 (mod 2^32).</summary>
    public static uint Fnv1a32(ReadOnlySpan<byte> bytes)
    {
        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        var hash = offsetBasis;
        foreach (var b in bytes)
        {
            hash = unchecked((hash ^ b) * prime);
        }

        return hash;
    }

    /// <summary>
    /// The topic a publisher uses for an input message of <paramref name="id"/>: the plain <c>atd/v1/{id}/{kind}</c>
    /// when <paramref name="shardCount"/> is 1, else <c>atd/v1/shard/{ShardOf(id)}/{id}/{kind}</c>.
    /// </summary>
    /// <param name="id">Bed or sensor id (the protocol's id syntax).</param>
    /// <param name="kind">An input kind: <see cref="TopicKind.Ecg"/>, <see cref="TopicKind.Spectrogram"/>, <see cref="TopicKind.Reading"/>, <see cref="TopicKind.Truth"/> or <see cref="TopicKind.Command"/>.</param>
    /// <param name="shardCount">Number of workers the beds are spread over (1 to <see cref="MaxShardCount"/>).</param>
    public static string TopicFor(string id, TopicKind kind, int shardCount)
    {
        CheckShardCount(shardCount);
        var plain = kind switch
        {
            TopicKind.Ecg => AtdTopics.Ecg(id),
            TopicKind.Spectrogram => AtdTopics.Spectrogram(id),
            TopicKind.Reading => AtdTopics.Reading(id),
            TopicKind.Truth => AtdTopics.Truth(id),
            TopicKind.Command => AtdTopics.Command(id),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only input topics (ecg, spectrogram, reading, truth, command) are sharded."),
        };
        if (shardCount == 1)
        {
            return plain;
        }

        var shard = ShardOf(id, shardCount).ToString(CultureInfo.InvariantCulture);
        return string.Concat(ShardPrefix, "/", shard, plain.AsSpan(AtdTopics.Prefix.Length));
    }

    /// <summary>Subscription filters for everything worker <paramref name="shardIndex"/> consumes: its shard's input topics.</summary>
    public static IReadOnlyList<string> InputFilters(int shardIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shardIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shardIndex, MaxShardCount);
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{ShardPrefix}/{shardIndex}");
        return AtdTopics.InputFilters.Select(filter => prefix + filter[AtdTopics.Prefix.Length..]).ToArray();
    }

    /// <summary>
    /// Splits <c>atd/v1/shard/{k}/{rest}</c> into the shard number and the plain topic <c>atd/v1/{rest}</c>; false for
    /// any other topic, including a shard level that is not a canonical decimal number below <see cref="MaxShardCount"/>.
    /// Says nothing about <c>rest</c>: parse <paramref name="plainTopic"/> with <see cref="AtdTopics.TryParse"/>.
    /// </summary>
    public static bool TryUnshard(string topic, out int shard, out string plainTopic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        shard = -1;
        plainTopic = string.Empty;
        if (!topic.StartsWith(ShardPrefix + "/", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = topic.AsSpan(ShardPrefix.Length + 1);
        var slash = rest.IndexOf('/');
        if (slash <= 0 || slash > 4 || (slash > 1 && rest[0] == '0'))
        {
            return false;
        }

        if (!int.TryParse(rest[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed >= MaxShardCount)
        {
            return false;
        }

        shard = parsed;
        plainTopic = string.Concat(AtdTopics.Prefix, rest[slash..]);
        return true;
    }

    private static void CheckShardCount(int shardCount)
    {
        if (shardCount is < 1 or > MaxShardCount)
        {
            throw new ArgumentOutOfRangeException(nameof(shardCount), shardCount, $"The shard count must be between 1 and {MaxShardCount}.");
        }
    }
}
