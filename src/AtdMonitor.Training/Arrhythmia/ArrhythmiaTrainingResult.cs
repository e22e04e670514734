using AtdMonitor.Training.Runs;

namespace AtdMonitor.Training.Arrhythmia;

/// <summary>A finished (or interrupted) arrhythmia run and where it wrote.</summary>
public sealed record ArrhythmiaTrainingResult(TrainingOutcome Outcome, TrainingRunFiles Files, int TrainingBeats, int ValidationBeats);
