namespace AtdMonitor.Training.Forecasting;

/// <summary>One window of one series in raw units: what the forecast-vs-truth figure shows.</summary>
public sealed record ForecastExample(string Variable, DateTime Origin, float[] History, float[] Truth, float[] Forecast);
