namespace AtdMonitor.Streaming.Pairing;

/// <summary>How long pairing waits for a missing half or a missing sequence number, and how many windows it holds to restore order.</summary>
public sealed record PairingSettings(TimeSpan Timeout, int ReorderWindow);
