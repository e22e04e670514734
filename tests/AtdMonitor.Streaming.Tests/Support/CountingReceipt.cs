using AtdMonitor.Streaming.Ingest;

namespace AtdMonitor.Streaming.Tests.Support;

/// <summary>A receipt that counts how often it was acknowledged.</summary>
internal sealed class CountingReceipt : IMessageReceipt
{
    private int _acknowledged;

    public int Acknowledged => Volatile.Read(ref _acknowledged);

    public Task AcknowledgeAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _acknowledged);
        return Task.CompletedTask;
    }
}
