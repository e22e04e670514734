namespace AtdMonitor.Streaming.Forecasting;

/// <summary>One forecast value: <paramref name="Variable"/> of <paramref name="Sensor"/> at <paramref name="Time"/>, <paramref name="Step"/> steps after the reading that issued it.</summary>
public sealed record ForecastPoint(string Sensor, string Variable, DateTimeOffset Time, int Step, double Value);
