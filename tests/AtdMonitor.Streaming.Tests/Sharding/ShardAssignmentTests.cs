using AtdMonitor.Protocol.Topics;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Sharding;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Tests.Sharding;

public sealed class ShardAssignmentTests
{
    [Fact]
    public void One_shard_subscribes_to_the_plain_topics_and_refuses_shard_topics()
    {
        var assignment = Assignment(0, 1);

        Assert.Equal(AtdTopics.InputFilters, assignment.InputFilters);
        Assert.Null(assignment.RefusalReason(AtdTopics.Ecg("bed-01")));
        Assert.Contains("unsharded", assignment.RefusalReason("atd/v1/shard/0/bed-01/ecg"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_worker_subscribes_to_its_shard_and_takes_the_beds_that_hash_to_it()
    {
        var owned = Enumerable.Range(0, 50).Select(i => $"bed-{i}").First(bed => TopicSharding.ShardOf(bed, 3) == 2);
        var assignment = Assignment(2, 3);

        Assert.Equal(TopicSharding.InputFilters(2), assignment.InputFilters);
        Assert.Null(assignment.RefusalReason(TopicSharding.TopicFor(owned, TopicKind.Spectrogram, 3)));
    }

    [Fact]
    public void A_bed_published_with_another_shard_count_is_refused_with_both_counts_named()
    {
        // Published for 4 shards: lands on shard 2 of 4, but under 3 shards the bed belongs elsewhere.
        var misrouted = Enumerable.Range(0, 200).Select(i => $"bed-{i}")
            .First(bed => TopicSharding.ShardOf(bed, 4) == 2 && TopicSharding.ShardOf(bed, 3) != 2);
        var assignment = Assignment(2, 3);

        var reason = assignment.RefusalReason(TopicSharding.TopicFor(misrouted, TopicKind.Ecg, 4));

        Assert.Equal($"'{misrouted}' belongs to shard {TopicSharding.ShardOf(misrouted, 3)} of 3 but came on shard 2 to worker 2; the publisher's shard count differs from Sharding:ShardCount (3).", reason);
        Assert.Contains("plain topic", assignment.RefusalReason(AtdTopics.Ecg(misrouted)), StringComparison.Ordinal);
    }

    private static ShardAssignment Assignment(int index, int count) =>
        new(Options.Create(new ShardingOptions { ShardIndex = index, ShardCount = count }));
}
