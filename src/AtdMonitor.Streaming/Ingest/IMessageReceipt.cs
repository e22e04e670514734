namespace AtdMonitor.Streaming.Ingest;

/// <summary>
/// The broker's claim on one received message. Acknowledging it tells the broker not to deliver it again, so it is
/// done only once everything derived from the message is in the store (see <c>Acknowledgement/AcknowledgementLedger</c>).
/// </summary>
public interface IMessageReceipt
{
    Task AcknowledgeAsync(CancellationToken cancellationToken);
}
