namespace AtdMonitor.Streaming.Beats;

/// <summary>A detected beat with the model inputs, waiting for inference.</summary>
/// <param name="Bed">Bed id.</param>
/// <param name="RPeakSample">Absolute sample index of the R-peak.</param>
/// <param name="Time">Time of the R-peak.</param>
/// <param name="Window">The data layer's normalised 256-sample beat window.</param>
/// <param name="Rhythm">The RR and template features (pre-RR first, seconds).</param>
/// <param name="Image">The 32 x 32 spectrogram crop; meaningless when <paramref name="ImagePresent"/> is false.</param>
/// <param name="ImagePresent">False when a column of the crop never arrived (image timed out or the window before a gap).</param>
/// <param name="SignalPoor">True when the beat was found in a window of poor signal: it is labelled unclassifiable.</param>
/// <param name="MissedOnLead1">True when the bed sends lead 1, it was believed, and a QRS detector on it found no QRS within 150 ms of the beat (<see cref="Lead1BeatCheck"/>).</param>
public sealed record BeatCandidate(string Bed, long RPeakSample, DateTimeOffset Time, float[] Window, float[] Rhythm, float[] Image, bool ImagePresent, bool SignalPoor,
    bool MissedOnLead1 = false);
