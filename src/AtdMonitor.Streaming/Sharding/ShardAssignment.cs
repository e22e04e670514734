using AtdMonitor.Protocol.Topics;
using AtdMonitor.Streaming.Configuration;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Sharding;

/// <summary>
/// The beds this worker owns under <c>Sharding:*</c>: what it subscribes to, and whether a received message really
/// belongs here. A publisher configured with another shard count puts a bed on a shard whose worker does not own it;
/// such a message is refused with a reason naming both counts rather than processed by the wrong worker (where a
/// second worker may see the same bed) or silently lost.
/// </summary>
public sealed class ShardAssignment(IOptions<ShardingOptions> options)
{
    private readonly ShardingOptions _options = options.Value;

    public int ShardIndex => _options.ShardIndex;

    public int ShardCount => _options.ShardCount;

    /// <summary>The worker's subscription: the plain input topics with one shard, else its own shard's input topics.</summary>
    public IReadOnlyList<string> InputFilters => _options.IsSharded ? TopicSharding.InputFilters(ShardIndex) : AtdTopics.InputFilters;

    /// <summary>Null when a message on <paramref name="topic"/> belongs to this worker, else why not.</summary>
    public string? RefusalReason(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var sharded = TopicSharding.TryUnshard(topic, out var shard, out var plain);
        if (!_options.IsSharded)
        {
            return sharded ? $"shard topic received by an unsharded worker (Sharding:ShardCount = 1); publish on atd/v1/{{id}}/... instead." : null;
        }

        if (!sharded)
        {
            return $"plain topic received by worker {ShardIndex} of {ShardCount} (Sharding:ShardCount > 1); publish on TopicSharding.TopicFor(id, kind, {ShardCount}).";
        }

        if (!AtdTopics.TryParse(plain, out _, out var id) || id.Length == 0)
        {
            return null; // Not an id topic: the validator rejects it with its own reason.
        }

        var owner = TopicSharding.ShardOf(id, ShardCount);
        return shard == ShardIndex && owner == ShardIndex
            ? null
            : $"'{id}' belongs to shard {owner} of {ShardCount} but came on shard {shard} to worker {ShardIndex}; the publisher's shard count differs from Sharding:ShardCount ({ShardCount}).";
    }
}
