using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Streaming.Forecasting;

/// <summary>
/// Threshold alerts on forecasts, per sensor and variable: <c>forecast_high</c> is raised when any step of a forecast
/// exceeds the variable's High limit and cleared when a later forecast stays below it everywhere (same for Low).
/// </summary>
public sealed class ForecastThresholdMonitor(IReadOnlyDictionary<string, ForecastThresholdOptions> thresholds)
{
    private readonly HashSet<(string Sensor, string Variable, string Type)> _active = [];

    public IReadOnlyList<AlertMessage> Check(IReadOnlyList<ForecastPoint> forecast, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        var alerts = new List<AlertMessage>();
        foreach (var variable in forecast.GroupBy(p => (p.Sensor, p.Variable)))
        {
            if (!thresholds.TryGetValue(variable.Key.Variable, out var limits))
            {
                continue;
            }

            if (limits.High is { } high)
            {
                var peak = variable.MaxBy(p => p.Value)!;
                Transition(alerts, variable.Key, AlertTypes.ForecastHigh, peak.Value > high, peak, issuedAt, "above", high);
            }

            if (limits.Low is { } low)
            {
                var trough = variable.MinBy(p => p.Value)!;
                Transition(alerts, variable.Key, AlertTypes.ForecastLow, trough.Value < low, trough, issuedAt, "below", low);
            }
        }

        return alerts;
    }

    private void Transition(List<AlertMessage> alerts, (string Sensor, string Variable) key, string type, bool beyond, ForecastPoint extreme, DateTimeOffset issuedAt, string side, double limit)
    {
        var id = (key.Sensor, key.Variable, type);
        if (beyond && _active.Add(id))
        {
            alerts.Add(new AlertMessage(key.Sensor, issuedAt, type, AlertState.Raise,
                $"{key.Variable} forecast {extreme.Value:0.##} {side} {limit} at {extreme.Time:O} (+{extreme.Step} steps)", extreme.Value));
        }
        else if (!beyond && _active.Remove(id))
        {
            alerts.Add(new AlertMessage(key.Sensor, issuedAt, type, AlertState.Clear, $"{key.Variable} forecast no longer {side} {limit}", extreme.Value));
        }
    }
}
