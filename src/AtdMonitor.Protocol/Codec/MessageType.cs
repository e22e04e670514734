namespace AtdMonitor.Protocol.Codec;

/// <summary>The type byte (offset 4) of a binary payload.</summary>
public enum MessageType : byte
{
    Ecg = 1,
    Spectrogram = 2,
    Reading = 3,
    Truth = 4,
}
