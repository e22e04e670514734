using AtdMonitor.Protocol.Topics;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>A message as it came off the broker, copied out of the client's buffers, with its topic parsed once.</summary>
/// <param name="Topic">The topic as received (plain or shard form).</param>
/// <param name="Kind">What the topic carries.</param>
/// <param name="Id">The bed or sensor id in the topic.</param>
/// <param name="Payload">The payload bytes.</param>
/// <param name="ReceivedAt">When the worker received it.</param>
/// <param name="Receipt">Acknowledges the message to the broker once what it produced is stored.</param>
public sealed record ReceivedMessage(string Topic, TopicKind Kind, string Id, byte[] Payload, DateTimeOffset ReceivedAt, IMessageReceipt Receipt);
