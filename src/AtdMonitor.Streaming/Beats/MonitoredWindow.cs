namespace AtdMonitor.Streaming.Beats;

/// <summary>One admitted ECG window of a bed, as the pipeline saw it.</summary>
/// <param name="Bed">Bed id.</param>
/// <param name="Epoch">The bed's stream epoch: it grows each time the device restarts its numbering.</param>
/// <param name="Sequence">The window's sequence number within the epoch.</param>
/// <param name="FirstSampleTime">Time of the first sample.</param>
/// <param name="SampleRate">Samples per second.</param>
/// <param name="Lead0Millivolts">Lead 0 in millivolts.</param>
/// <param name="ImageMissing">True when the window's spectrogram never came.</param>
public sealed record MonitoredWindow(string Bed, int Epoch, long Sequence, DateTimeOffset FirstSampleTime, float SampleRate, float[] Lead0Millivolts, bool ImageMissing);
