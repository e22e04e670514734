using System.Text;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Protocol.Validation;

namespace AtdMonitor.Protocol.Tests;

public sealed class TopicShardingTests
{
    [Theory]
    [InlineData("", 0x811c9dc5u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void The_hash_is_fnv_1a_32_of_the_utf8_bytes(string text, uint expected)
    {
        Assert.Equal(expected, TopicSharding.Fnv1a32(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void A_bed_maps_to_the_same_shard_every_time_and_beds_spread_over_all_shards()
    {
        var beds = Enumerable.Range(1, 1000).Select(i => $"bed-{i:D4}").ToList();

        var shards = beds.Select(bed => TopicSharding.ShardOf(bed, 4)).ToList();

        Assert.Equal(shards, beds.Select(bed => TopicSharding.ShardOf(bed, 4)));
        Assert.All(shards.GroupBy(s => s), group => Assert.InRange(group.Count(), 200, 300));
        Assert.Equal(4, shards.Distinct().Count());
        Assert.Equal(0, TopicSharding.ShardOf("bed-01", 1));
    }

    [Fact]
    public void One_shard_keeps_the_plain_topics()
    {
        Assert.Equal(AtdTopics.Ecg("bed-01"), TopicSharding.TopicFor("bed-01", TopicKind.Ecg, 1));
        Assert.Equal(AtdTopics.Reading("ett_1"), TopicSharding.TopicFor("ett_1", TopicKind.Reading, 1));
    }

    [Fact]
    public void Several_shards_put_the_shard_of_the_id_before_it()
    {
        var shard = TopicSharding.ShardOf("bed-01", 3);

        Assert.Equal($"atd/v1/shard/{shard}/bed-01/ecg", TopicSharding.TopicFor("bed-01", TopicKind.Ecg, 3));
        Assert.Equal($"atd/v1/shard/{shard}/bed-01/spectrogram", TopicSharding.TopicFor("bed-01", TopicKind.Spectrogram, 3));
        Assert.Equal(["atd/v1/shard/2/+/ecg", "atd/v1/shard/2/+/spectrogram", "atd/v1/shard/2/+/reading", "atd/v1/shard/2/+/truth", "atd/v1/shard/2/+/command"], TopicSharding.InputFilters(2));
    }

    [Fact]
    public void Outputs_invalid_ids_and_bad_shard_counts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TopicSharding.TopicFor("bed-01", TopicKind.Alert, 2));
        Assert.Throws<ArgumentException>(() => TopicSharding.TopicFor("bed/01", TopicKind.Ecg, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => TopicSharding.ShardOf("bed-01", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TopicSharding.ShardOf("bed-01", TopicSharding.MaxShardCount + 1));
    }

    [Theory]
    [InlineData("atd/v1/shard/0/bed-01/ecg", 0, "atd/v1/bed-01/ecg")]
    [InlineData("atd/v1/shard/1023/bed-01/truth", 1023, "atd/v1/bed-01/truth")]
    public void A_shard_topic_splits_into_its_shard_and_the_plain_topic(string topic, int shard, string plain)
    {
        Assert.True(TopicSharding.TryUnshard(topic, out var parsedShard, out var parsedPlain));
        Assert.Equal((shard, plain), (parsedShard, parsedPlain));
    }

    [Theory]
    [InlineData("atd/v1/bed-01/ecg")]
    [InlineData("atd/v1/shard/ecg")]
    [InlineData("atd/v1/shard//bed-01/ecg")]
    [InlineData("atd/v1/shard/01/bed-01/ecg")]
    [InlineData("atd/v1/shard/-1/bed-01/ecg")]
    [InlineData("atd/v1/shard/+1/bed-01/ecg")]
    [InlineData("atd/v1/shard/1024/bed-01/ecg")]
    [InlineData("atd/v1/shard/x/bed-01/ecg")]
    public void Anything_else_is_not_a_shard_topic(string topic)
    {
        Assert.False(TopicSharding.TryUnshard(topic, out _, out _));
    }

    [Fact]
    public void The_validator_accepts_a_message_on_its_shard_topic_and_checks_the_id_as_usual()
    {
        var validator = new WireValidator();
        var topic = TopicSharding.TopicFor("bed-01", TopicKind.Ecg, 4);

        Assert.True(validator.Validate(topic, WireCodec.Encode(SampleMessages.Ecg("bed-01"))).IsValid);
        Assert.Contains("does not match the topic id", validator.Validate(topic, WireCodec.Encode(SampleMessages.Ecg("bed-02"))).Reason, StringComparison.Ordinal);
        Assert.True(AtdTopics.TryParse(topic, out var kind, out var id));
        Assert.Equal((TopicKind.Ecg, "bed-01"), (kind, id));
    }
}
