using AtdMonitor.Data.Ett;
using AtdMonitor.Training.Metrics;

namespace AtdMonitor.Training.Forecasting;

/// <summary>Errors over every test window, the test rows (look-back included) and the first test window as an example.</summary>
public sealed record ForecastEvaluationResult(int Windows, EttRange Test, ForecastErrors Errors, ForecastExample Example);
