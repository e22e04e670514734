using System.ComponentModel.DataAnnotations;
using AtdMonitor.Protocol.Topics;

namespace AtdMonitor.Streaming.Configuration;

/// <summary>
/// Which beds this worker serves. Section <c>Sharding</c>. With <see cref="ShardCount"/> above 1 the worker subscribes
/// to the shard topics of shard <see cref="ShardIndex"/> only (<see cref="TopicSharding"/>); with 1 it takes every bed
/// on the plain topics.
/// </summary>
public sealed class ShardingOptions : IValidatableObject
{
    public const string SectionName = "Sharding";

    /// <summary>This worker's shard, 0 to <see cref="ShardCount"/> − 1 (Kubernetes: the StatefulSet pod index).</summary>
    public int ShardIndex { get; set; }

    /// <summary>Number of workers the beds are spread over; publishers must use the same number.</summary>
    [Range(1, TopicSharding.MaxShardCount, ErrorMessage = "Sharding:ShardCount must be between 1 and 1024.")]
    public int ShardCount { get; set; } = 1;

    public bool IsSharded => ShardCount > 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ShardIndex < 0 || ShardIndex >= ShardCount)
        {
            yield return new ValidationResult($"Sharding:ShardIndex must be between 0 and Sharding:ShardCount - 1 ({ShardCount - 1}).", [nameof(ShardIndex)]);
        }
    }
}
