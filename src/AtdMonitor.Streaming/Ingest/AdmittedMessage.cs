using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>An ECG window or spectrogram that passed admission, with the receipt to acknowledge once it is stored.</summary>
public sealed record AdmittedMessage(WireMessage Message, IMessageReceipt Receipt)
{
    public string Bed => Message.Id;
}
