namespace AtdMonitor.Data.Recordings;

/// <summary>A truth annotation of a recorded stretch: the R-peak's absolute sample index and its MIT-BIH beat symbol.</summary>
public readonly record struct RecordedLabel(long Sample, string Symbol);
