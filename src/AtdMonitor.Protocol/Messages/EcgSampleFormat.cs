namespace AtdMonitor.Protocol.Messages;

/// <summary>How ECG samples are stored in a payload.</summary>
public enum EcgSampleFormat : byte
{
    /// <summary>IEEE float32, little-endian: exact.</summary>
    FloatingPoint = 0,

    /// <summary>int16 little-endian counts times a float32 scale carried in the header: half the size, 1/32767 of the window's peak resolution.</summary>
    Scaled16Bit = 1,
}
