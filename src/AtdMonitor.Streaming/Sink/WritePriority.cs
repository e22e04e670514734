namespace AtdMonitor.Streaming.Sink;

/// <summary>How a sink treats points while the store is away.</summary>
public enum WritePriority
{
    /// <summary>Buffered up to the sink's capacity; the oldest are dropped and counted beyond it.</summary>
    Routine,

    /// <summary>Never dropped: alarm events and the audit of alarm commands.</summary>
    Alert,
}
