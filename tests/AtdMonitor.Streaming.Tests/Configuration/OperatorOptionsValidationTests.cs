using System.ComponentModel.DataAnnotations;
using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Streaming.Tests.Configuration;

/// <summary>The <c>Sharding</c> and <c>Metrics</c> sections.</summary>
public sealed class OperatorOptionsValidationTests
{
    [Fact]
    public void The_defaults_are_one_shard_and_the_endpoint_on_9464()
    {
        Assert.Empty(Validate(new ShardingOptions()));
        Assert.Empty(Validate(new MetricsOptions()));
        Assert.True(new MetricsOptions().Enabled);
        Assert.False(new MetricsOptions { Port = 0 }.Enabled);
    }

    [Theory]
    [InlineData(-1, 2)]
    [InlineData(2, 2)]
    public void A_shard_index_outside_the_shard_count_is_rejected_naming_the_keys(int index, int count)
    {
        Assert.Contains("Sharding:ShardIndex must be between 0 and Sharding:ShardCount - 1 (1).", Validate(new ShardingOptions { ShardIndex = index, ShardCount = count }));
    }

    [Fact]
    public void A_shard_count_below_one_is_rejected()
    {
        Assert.Contains("Sharding:ShardCount must be between 1 and 1024.", Validate(new ShardingOptions { ShardCount = 0 }));
    }

    [Theory]
    [InlineData("*", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("[::1]", true)]
    [InlineData("metrics.local", true)]
    [InlineData("", false)]
    [InlineData("http://host", false)]
    [InlineData("host:9464", false)]
    public void The_metrics_host_is_star_a_name_or_an_address(string host, bool valid)
    {
        Assert.Equal(valid, Validate(new MetricsOptions { Host = host }).Count == 0);
    }

    [Fact]
    public void A_metrics_port_outside_the_tcp_range_is_rejected()
    {
        Assert.Contains("Metrics:Port must be between 0 (off) and 65535.", Validate(new MetricsOptions { Port = 70_000 }));
    }

    private static List<string> Validate(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? string.Empty).ToList();
    }
}
