using AtdMonitor.Training.Runs;

namespace AtdMonitor.Training.Forecasting;

/// <summary>A finished (or interrupted) forecast run and where it wrote.</summary>
public sealed record ForecastTrainingResult(TrainingOutcome Outcome, TrainingRunFiles Files);
