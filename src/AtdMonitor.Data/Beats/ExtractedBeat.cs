namespace AtdMonitor.Data.Beats;

/// <summary>One beat's features.</summary>
/// <param name="RPeakSample">Absolute sample index of the R-peak.</param>
/// <param name="Window">256 samples of lead 0 (r − 90 .. r + 165), minus their median, divided by the record's running amplitude scale.</param>
/// <param name="Rhythm">The <see cref="BeatSpec.RhythmFeatureCount"/> rhythm, context and template features, in the order
/// <see cref="BeatSpec.RhythmFeatureCount"/> lists.</param>
public sealed record ExtractedBeat(long RPeakSample, float[] Window, float[] Rhythm);
