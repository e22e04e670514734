using AtdMonitor.Streaming.Ingest;

namespace AtdMonitor.Streaming.Beats;

/// <summary>What one window of one bed produced: the window, the beats it completed, and the receipts to settle once they are stored.</summary>
public sealed record WindowBeats(MonitoredWindow Window, IReadOnlyList<BeatCandidate> Beats, IReadOnlyList<IMessageReceipt> Receipts);
