namespace AtdMonitor.Streaming.Ingest;

/// <summary>A message the worker publishes (alert or dead letter), QoS 1.</summary>
public sealed record OutboundMessage(string Topic, byte[] Payload);
