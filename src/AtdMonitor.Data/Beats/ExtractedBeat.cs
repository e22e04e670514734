namespace AtdMonitor.Data.Beats;

/// <summary>One beat's features.</summary>
/// <param name="RPeakSample">Absolute sample index of the R-peak.</param>
/// <param name="Window">256 samples of lead 0 (r − 90 .. r + 165), minus their median, divided by the record's running amplitude scale.</param>
/// <param name="Rhythm">The <see cref="BeatSpec.RhythmFeatureCount"/> features: pre-RR, post-RR, local mean RR (seconds),
/// pre-RR / local mean, post-RR / local mean, template correlation and template RMS difference.</param>
public sealed record ExtractedBeat(long RPeakSample, float[] Window, float[] Rhythm);
