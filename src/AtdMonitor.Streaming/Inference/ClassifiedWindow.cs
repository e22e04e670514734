using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Ingest;

namespace AtdMonitor.Streaming.Inference;

/// <summary>One window of one bed with its beats classified, and the receipts to settle once they are stored.</summary>
public sealed record ClassifiedWindow(MonitoredWindow Window, IReadOnlyList<ClassifiedBeat> Beats, IReadOnlyList<IMessageReceipt> Receipts);
