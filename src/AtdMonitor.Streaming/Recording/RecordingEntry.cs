using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Pairing;

namespace AtdMonitor.Streaming.Recording;

/// <summary>One thing to record: a paired window or a truth message.</summary>
public sealed record RecordingEntry(PairedWindow? Window, TruthMessage? Truth);
