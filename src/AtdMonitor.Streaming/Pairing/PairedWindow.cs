using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Ingest;

namespace AtdMonitor.Streaming.Pairing;

/// <summary>An ECG window and, unless it timed out, the spectrogram image with the same sequence number.</summary>
/// <param name="Ecg">The ECG window.</param>
/// <param name="Image">Its image, or null when it never came within the pairing timeout.</param>
/// <param name="Epoch">The bed's stream epoch: 0 at first, +1 each time the device restarts its numbering.</param>
/// <param name="FollowsGap">True for the first window of an epoch and after skipped sequence numbers: the signal is not continuous.</param>
/// <param name="Receipts">The broker receipts of the window and its image.</param>
public sealed record PairedWindow(EcgWindow Ecg, SpectrogramWindow? Image, int Epoch, bool FollowsGap, IReadOnlyList<IMessageReceipt> Receipts)
{
    public string Bed => Ecg.Bed;

    public long Sequence => Ecg.Sequence;

    /// <summary>True when the image never came within the pairing timeout: the beats are classified on the signal alone.</summary>
    public bool ImageMissing => Image is null;
}
