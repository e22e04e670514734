using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Pairing;

namespace AtdMonitor.Streaming.Recording;

/// <summary>One thing to record: a paired window or a truth message, with the bed's stream epoch it belongs to.</summary>
/// <param name="Window">A paired window, or null for a truth entry.</param>
/// <param name="Truth">A truth message, or null for a window entry.</param>
/// <param name="Epoch">The bed's stream epoch (a new one after a device restart renumbers the bed); 0 when unknown.</param>
public sealed record RecordingEntry(PairedWindow? Window, TruthMessage? Truth, int Epoch);
