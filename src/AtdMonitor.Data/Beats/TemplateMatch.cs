namespace AtdMonitor.Data.Beats;

/// <summary>How one beat compares with the record's running template (<see cref="BeatTemplate"/>).</summary>
/// <param name="QrsCorrelation">Pearson correlation of the QRS segments.</param>
/// <param name="QrsDifference">RMS difference of the QRS segments (normalised amplitude).</param>
/// <param name="PWaveCorrelation">Pearson correlation of the segments before the QRS, where the P wave is.</param>
internal readonly record struct TemplateMatch(float QrsCorrelation, float QrsDifference, float PWaveCorrelation);
