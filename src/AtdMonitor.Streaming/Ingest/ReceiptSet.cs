namespace AtdMonitor.Streaming.Ingest;

/// <summary>Several receipts settled as one (a window and its image).</summary>
public sealed class ReceiptSet(IReadOnlyList<IMessageReceipt> receipts) : IMessageReceipt
{
    public async Task AcknowledgeAsync(CancellationToken cancellationToken)
    {
        foreach (var receipt in receipts)
        {
            await receipt.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
