using AtdMonitor.Training.Arrhythmia;
using AtdMonitor.Training.Runs;

namespace AtdMonitor.Training.FineTuning;

/// <summary>A fine-tuning run, with the base checkpoint's score on the same validation slice for before/after.</summary>
/// <param name="Training">The run and where it wrote.</param>
/// <param name="Base">The base checkpoint on the recording's validation slice, before any step.</param>
public sealed record FineTuningResult(ArrhythmiaTrainingResult Training, ValidationResult Base);
