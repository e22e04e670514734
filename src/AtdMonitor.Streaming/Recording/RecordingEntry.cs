using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Pairing;

namespace AtdMonitor.Streaming.Recording;

/// <summary>One thing to record: a paired window (its <see cref="PairedWindow.Epoch"/> is stored with it) or a truth message.</summary>
/// <param name="Window">A paired window, or null for a truth entry.</param>
/// <param name="Truth">A truth message, or null for a window entry.</param>
/// <param name="TruthEpoch">The bed's stream epoch the truth belongs to; null when the caller does not know it (its arrival then places it).</param>
public sealed record RecordingEntry(PairedWindow? Window, TruthMessage? Truth, int? TruthEpoch);
