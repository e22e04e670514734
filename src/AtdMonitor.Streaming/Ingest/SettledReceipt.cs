namespace AtdMonitor.Streaming.Ingest;

/// <summary>The receipt of a message that needs no acknowledgement (QoS 0, or one the client acknowledged on arrival).</summary>
public sealed class SettledReceipt : IMessageReceipt
{
    public static SettledReceipt Instance { get; } = new();

    private SettledReceipt()
    {
    }

    public Task AcknowledgeAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
