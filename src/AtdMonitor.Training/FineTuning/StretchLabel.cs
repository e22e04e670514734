namespace AtdMonitor.Training.FineTuning;

/// <summary>A truth annotation of a recorded stretch: the R-peak's absolute sample index and its MIT-BIH beat symbol.</summary>
public readonly record struct StretchLabel(long Sample, string Symbol);
