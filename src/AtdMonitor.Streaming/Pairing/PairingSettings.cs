using AtdMonitor.Streaming.Ingest;

namespace AtdMonitor.Streaming.Pairing;

/// <summary>How pairing waits and what it does with the receipts of messages it drops.</summary>
/// <param name="Timeout">How long a missing half or a missing sequence number is waited for.</param>
/// <param name="ReorderWindow">How many windows are held to restore order before a missing sequence number is skipped.</param>
/// <param name="Discarded">Takes the receipt of each message pairing drops (duplicate, late, orphan image).</param>
public sealed record PairingSettings(TimeSpan Timeout, int ReorderWindow, Action<IMessageReceipt> Discarded);
