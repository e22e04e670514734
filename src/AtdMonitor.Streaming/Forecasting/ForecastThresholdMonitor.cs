using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Streaming.Forecasting;

/// <summary>
/// Forecast alerts per sensor and variable through the beat alarms' <see cref="DebouncedAlarm"/> (k-of-n votes,
/// hysteresis, hold-off): <c>forecast_high</c> judges each forecast's highest step, <c>forecast_low</c> its lowest.
/// An alert's time is the time of the reading that issued the forecast (the data's time, as beat alerts use the beat's).
/// </summary>
public sealed class ForecastThresholdMonitor(IReadOnlyDictionary<string, ForecastThresholdOptions> thresholds)
{
    private readonly Dictionary<(string Sensor, string Variable, string Type), DebouncedAlarm> _alarms = [];

    /// <summary>Judges one forecast issued at <paramref name="readingTime"/>; returns the raises and clears it causes.</summary>
    public IReadOnlyList<AlertMessage> Check(IReadOnlyList<ForecastPoint> forecast, DateTimeOffset readingTime)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        var alerts = new List<AlertMessage>();
        foreach (var variable in forecast.GroupBy(p => (p.Sensor, p.Variable)))
        {
            if (!thresholds.TryGetValue(variable.Key.Variable, out var rules))
            {
                continue;
            }

            if (rules.High is { Enabled: true } high)
            {
                Judge(alerts, variable.Key, AlertTypes.ForecastHigh, high, variable.MaxBy(p => p.Value)!, readingTime, "above");
            }

            if (rules.Low is { Enabled: true } low)
            {
                Judge(alerts, variable.Key, AlertTypes.ForecastLow, low, variable.MinBy(p => p.Value)!, readingTime, "below");
            }
        }

        return alerts;
    }

    private void Judge(List<AlertMessage> alerts, (string Sensor, string Variable) key, string type, AlertRuleOptions rule, ForecastPoint extreme, DateTimeOffset readingTime, string side)
    {
        if (!_alarms.TryGetValue((key.Sensor, key.Variable, type), out var alarm))
        {
            alarm = new DebouncedAlarm(rule);
            _alarms.Add((key.Sensor, key.Variable, type), alarm);
        }

        var text = alarm.Update(extreme.Value, readingTime) switch
        {
            AlertState.Raise => $"{key.Variable} forecast {extreme.Value:0.##} {side} {rule.Raise} at {extreme.Time:O} (+{extreme.Step} steps)",
            AlertState.Clear => $"{key.Variable} forecast back to {extreme.Value:0.##} (clear at {rule.Clear})",
            _ => null,
        };
        if (text is not null)
        {
            alerts.Add(alarm.Event(key.Sensor, readingTime, type, alarm.Active ? AlertState.Raise : AlertState.Clear, text, extreme.Value));
        }
    }
}
