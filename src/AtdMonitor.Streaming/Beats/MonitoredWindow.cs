namespace AtdMonitor.Streaming.Beats;

/// <summary>One admitted ECG window of a bed, as the pipeline saw it.</summary>
/// <param name="Bed">Bed id.</param>
/// <param name="Epoch">The bed's stream epoch: it grows each time the device restarts its numbering.</param>
/// <param name="Sequence">The window's sequence number within the epoch.</param>
/// <param name="FirstSampleTime">Time of the first sample.</param>
/// <param name="SampleRate">Samples per second.</param>
/// <param name="Lead0Millivolts">Lead 0 in millivolts.</param>
/// <param name="ImageMissing">True when the window's spectrogram never came.</param>
/// <param name="FollowsGap">True when the signal is not continuous with the bed's previous window (gap, restart, reset).</param>
/// <param name="Quality">The window's signal quality (of lead 0).</param>
/// <param name="Lead1Millivolts">Lead 1 in millivolts, or null when the device sends one lead: asystole is confirmed on
/// it, as a bedside monitor confirms it on a second lead.</param>
public sealed record MonitoredWindow(
    string Bed,
    int Epoch,
    long Sequence,
    DateTimeOffset FirstSampleTime,
    float SampleRate,
    float[] Lead0Millivolts,
    bool ImageMissing,
    bool FollowsGap,
    SignalQualityVerdict Quality,
    float[]? Lead1Millivolts = null);
