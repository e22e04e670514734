using AtdMonitor.Training.Metrics;

namespace AtdMonitor.Training.Forecasting;

/// <summary>Errors over every test window, and the first test window as an example.</summary>
public sealed record ForecastEvaluationResult(int Windows, ForecastErrors Errors, ForecastExample Example);
