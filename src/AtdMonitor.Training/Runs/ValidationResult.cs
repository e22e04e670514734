namespace AtdMonitor.Training.Runs;

/// <summary>A validation pass: its loss and the watched metric.</summary>
public sealed record ValidationResult(double Loss, double Metric);
