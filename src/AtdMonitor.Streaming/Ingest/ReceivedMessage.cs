namespace AtdMonitor.Streaming.Ingest;

/// <summary>A message as it came off the broker, copied out of the client's buffers.</summary>
public sealed record ReceivedMessage(string Topic, byte[] Payload, DateTimeOffset ReceivedAt);
