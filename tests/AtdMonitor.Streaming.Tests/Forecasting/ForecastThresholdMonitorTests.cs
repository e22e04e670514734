using System.ComponentModel.DataAnnotations;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Forecasting;

namespace AtdMonitor.Streaming.Tests.Forecasting;

public sealed class ForecastThresholdMonitorTests
{
    private static readonly DateTimeOffset Start = new(2016, 7, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_forecast_that_wavers_around_the_limit_raises_once_after_k_of_n_and_clears_only_below_the_clear_level()
    {
        var monitor = Monitor(new AlertRuleOptions { Raise = 45, Clear = 43, K = 3, N = 4, HoldOff = TimeSpan.FromHours(6) });
        // Peaks by hour: one stray high, so three of the first four are high (raise at hour 3), wavering at 44-46 (no clear), then low (clear at 11).
        double[] peaks = [46, 40, 46, 45.5, 46, 44, 46, 44, 44.5, 42, 42, 42, 40];

        var events = peaks.SelectMany((peak, hour) => monitor.Check(Forecast(peak), Start.AddHours(hour))).ToList();

        Assert.Equal(
            [(AlertState.Raise, Start.AddHours(3)), (AlertState.Clear, Start.AddHours(11))],
            events.Select(e => (e.State, e.Time)));
        Assert.All(events, e => Assert.Equal(("ett-1", AlertTypes.ForecastHigh), (e.Bed, e.Type)));
        Assert.Equal(45.5, events[0].Value);
        Assert.Contains("OT forecast 45.5 above 45", events[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_clear_the_alert_waits_for_its_hold_off_in_the_readings_time()
    {
        var monitor = Monitor(new AlertRuleOptions { Raise = 45, Clear = 43, K = 1, N = 1, HoldOff = TimeSpan.FromHours(3) });
        double[] peaks = [46, 40, 46, 46, 46];

        var events = peaks.SelectMany((peak, hour) => monitor.Check(Forecast(peak), Start.AddHours(hour))).ToList();

        Assert.Equal(
            [(AlertState.Raise, Start), (AlertState.Clear, Start.AddHours(1)), (AlertState.Raise, Start.AddHours(4))],
            events.Select(e => (e.State, e.Time)));
    }

    [Fact]
    public void A_low_rule_fires_on_the_lowest_step_of_a_forecast()
    {
        var monitor = new ForecastThresholdMonitor(new Dictionary<string, ForecastThresholdOptions>
        {
            ["OT"] = new() { Low = new AlertRuleOptions { Raise = 5, Clear = 7 } },
        });

        var raise = Assert.Single(monitor.Check([Point(1, 9), Point(2, 4)], Start));

        Assert.Equal((AlertTypes.ForecastLow, AlertState.Raise, 4.0), (raise.Type, raise.State, raise.Value));
        Assert.Empty(monitor.Check([Point(1, 6)], Start.AddHours(1)));
        Assert.Equal(AlertState.Clear, Assert.Single(monitor.Check([Point(1, 8)], Start.AddHours(2))).State);
    }

    [Theory]
    [InlineData("High", 45, 47, 1, 1, "Forecasting:Thresholds:OT:High:Clear must be below Forecasting:Thresholds:OT:High:Raise: a High rule fires on high forecasts.")]
    [InlineData("Low", 5, 3, 1, 1, "Forecasting:Thresholds:OT:Low:Clear must be above Forecasting:Thresholds:OT:Low:Raise: a Low rule fires on low forecasts.")]
    [InlineData("High", 45, 43, 3, 2, "Forecasting:Thresholds:OT:High:K must be between 1 and Forecasting:Thresholds:OT:High:N (2).")]
    [InlineData("High", 45, 45, 1, 1, "Forecasting:Thresholds:OT:High:Raise and Forecasting:Thresholds:OT:High:Clear must differ (hysteresis); Raise above Clear fires on high values, below on low ones.")]
    public void Forecast_rules_are_validated_like_the_beat_alarms(string side, double raise, double clear, int k, int n, string expected)
    {
        var rule = new AlertRuleOptions { Raise = raise, Clear = clear, K = k, N = n };
        var options = new ForecastingOptions();
        options.Thresholds["OT"] = side == "High" ? new ForecastThresholdOptions { High = rule } : new ForecastThresholdOptions { Low = rule };

        var problems = options.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage).ToList();

        Assert.Equal([expected], problems);
    }

    private static ForecastThresholdMonitor Monitor(AlertRuleOptions high) =>
        new(new Dictionary<string, ForecastThresholdOptions> { ["OT"] = new() { High = high } });

    private static List<ForecastPoint> Forecast(double peak) => [Point(1, peak - 3), Point(2, peak)];

    private static ForecastPoint Point(int step, double value) => new("ett-1", "OT", Start.AddHours(step), step, value);
}
