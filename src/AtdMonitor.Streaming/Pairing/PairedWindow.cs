using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Pairing;

/// <summary>An ECG window and, unless it timed out, the spectrogram image with the same sequence number.</summary>
public sealed record PairedWindow(EcgWindow Ecg, SpectrogramWindow? Image)
{
    public string Bed => Ecg.Bed;

    public long Sequence => Ecg.Sequence;

    /// <summary>True when the image never came within the pairing timeout: the beats are classified on the signal alone.</summary>
    public bool ImageMissing => Image is null;
}
