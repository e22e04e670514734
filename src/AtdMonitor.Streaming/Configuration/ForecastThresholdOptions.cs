namespace AtdMonitor.Streaming.Configuration;

/// <summary>
/// Alert rules for one forecast variable, each the beat alarms' debounced rule (<see cref="AlertRuleOptions"/>) judged on
/// every forecast: <see cref="High"/> on the forecast's highest step (<c>forecast_high</c>, Raise above Clear),
/// <see cref="Low"/> on its lowest (<c>forecast_low</c>, Raise below Clear). Hold-off is in the readings' time.
/// </summary>
public sealed class ForecastThresholdOptions
{
    public AlertRuleOptions? High { get; set; }

    public AlertRuleOptions? Low { get; set; }

    /// <summary>Checks both rules; messages name the keys under <paramref name="key"/>.</summary>
    public IEnumerable<string> Validate(string key)
    {
        foreach (var (name, rule, high) in new[] { ("High", High, true), ("Low", Low, false) })
        {
            if (rule is null)
            {
                continue;
            }

            foreach (var problem in rule.Validate($"{key}:{name}"))
            {
                yield return problem;
            }

            if (rule.Raise != rule.Clear && rule.Raise > rule.Clear != high)
            {
                yield return $"{key}:{name}:Clear must be {(high ? "below" : "above")} {key}:{name}:Raise: a {name} rule fires on {(high ? "high" : "low")} forecasts.";
            }
        }

        if (High is { } upper && Low is { } lower && lower.Raise >= upper.Raise)
        {
            yield return $"{key}:Low:Raise must be below {key}:High:Raise.";
        }
    }
}
