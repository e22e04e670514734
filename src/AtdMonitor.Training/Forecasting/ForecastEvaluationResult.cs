using AtdMonitor.Training.Metrics;

namespace AtdMonitor.Training.Forecasting;

/// <summary>Errors over every window of a split, and the split's first window as an example.</summary>
public sealed record ForecastEvaluationResult(EttSplit Split, int Windows, ForecastErrors Errors, ForecastExample Example);
