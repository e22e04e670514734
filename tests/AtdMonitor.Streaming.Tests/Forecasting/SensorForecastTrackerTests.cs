using AtdMonitor.Model.Inference;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Forecasting;
using AtdMonitor.TestSupport;

namespace AtdMonitor.Streaming.Tests.Forecasting;

public sealed class SensorForecastTrackerTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
    private readonly string _checkpoint = Path.Combine(Path.GetTempPath(), $"atd-forecast-{Guid.NewGuid():N}.ckpt");
    private readonly SeriesForecaster _forecaster;

    public SensorForecastTrackerTests()
    {
        RandomCheckpoint.WriteForecast(_checkpoint);
        _forecaster = SeriesForecaster.Load(_checkpoint);
    }

    [Fact]
    public void A_forecast_of_every_variable_and_step_is_issued_once_the_look_back_is_full()
    {
        var tracker = new SensorForecastTracker("ett-1", _forecaster, every: 1, TimeSpan.Zero);

        for (var hour = 0; hour < 15; hour++)
        {
            Assert.Null(tracker.Add(Reading(hour), out var none));
            Assert.Empty(none);
        }

        Assert.Null(tracker.Add(Reading(15), out var forecast));

        Assert.Equal(4 * 2, forecast.Count);
        Assert.Equal(Start.AddHours(16), forecast[0].Time);
        Assert.Equal((4, Start.AddHours(19)), (forecast[^1].Step, forecast[^1].Time));
        Assert.Equal(["HUFL", "OT"], forecast.Select(p => p.Variable).Distinct());
        Assert.All(forecast, p => Assert.True(double.IsFinite(p.Value)));
    }

    [Fact]
    public void A_forecast_that_is_not_a_finite_number_is_not_issued_and_says_why()
    {
        var tracker = new SensorForecastTracker("ett-1", _forecaster, every: 1, TimeSpan.Zero);
        for (var hour = 0; hour < 15; hour++)
        {
            tracker.Add(hour == 7 ? new SensorReading("ett-1", Start.AddHours(hour), [new SensorValue("OT", 3e38f), new SensorValue("HUFL", 5)]) : Reading(hour), out _);
        }

        var problem = tracker.Add(Reading(15), out var forecast);

        Assert.Equal("the forecast of ett-1 is not a finite number (readings beyond what the forecaster can take): no forecast issued.", problem);
        Assert.Empty(forecast);
    }

    [Fact]
    public void A_reading_that_repeats_the_previous_ones_time_is_refused_with_a_reason()
    {
        var tracker = new SensorForecastTracker("ett-1", _forecaster, every: 1, TimeSpan.Zero);
        tracker.Add(Reading(5), out _);

        Assert.Equal($"reading at {Start.AddHours(5):O} repeats the previous one's time.", tracker.Add(Reading(5), out _));
    }

    [Fact]
    public void One_reading_stamped_a_year_ahead_does_not_blind_the_sensor_the_window_starts_again_at_the_next_correct_one()
    {
        var tracker = new SensorForecastTracker("ett-1", _forecaster, every: 1, TimeSpan.Zero);
        for (var hour = 0; hour < 5; hour++)
        {
            Assert.Null(tracker.Add(Reading(hour), out _));
        }

        Assert.Null(tracker.Add(new SensorReading("ett-1", Start.AddYears(1), [new SensorValue("OT", 30), new SensorValue("HUFL", 5)]), out _));

        Assert.StartsWith("reading at", tracker.Add(Reading(5), out _), StringComparison.Ordinal);
        IReadOnlyList<ForecastPoint> forecast = [];
        for (var hour = 6; hour <= 20; hour++)
        {
            Assert.Null(tracker.Add(Reading(hour), out forecast));
        }

        Assert.Equal(Start.AddHours(21), forecast[0].Time);
    }

    [Fact]
    public void A_reading_that_was_not_admitted_for_the_forecasters_variables_is_a_programming_error()
    {
        var tracker = new SensorForecastTracker("ett-1", _forecaster, every: 1, TimeSpan.Zero);

        Assert.Throws<ArgumentException>(() => tracker.Add(new SensorReading("ett-1", Start, [new SensorValue("HUFL", 1)]), out _));
    }

    [Fact]
    public void Readings_spaced_otherwise_than_the_training_data_are_refused_naming_both_spacings_and_restart_the_window()
    {
        var checkpoint = Path.Combine(Path.GetTempPath(), $"atd-forecast-{Guid.NewGuid():N}.ckpt");
        RandomCheckpoint.WriteForecast(checkpoint, trainedInterval: TimeSpan.FromHours(1));
        using var hourly = SeriesForecaster.Load(checkpoint);
        File.Delete(checkpoint);
        var tracker = new SensorForecastTracker("ett-1", hourly, every: 1, TimeSpan.Zero);
        Assert.Null(tracker.Add(Reading(0), out _));

        var refused = tracker.Add(new SensorReading("ett-1", Start.AddMinutes(15), [new SensorValue("OT", 30), new SensorValue("HUFL", 5)]), out _);

        Assert.Equal("reading spacing 00:15:00 differs from the forecaster's 01:00:00 (trained on sensors.csv); the sensor's window restarts from this reading.", refused);
        IReadOnlyList<ForecastPoint> forecast = [];
        for (var hour = 1; hour <= 16; hour++)
        {
            var next = new SensorReading("ett-1", Start.AddMinutes(15).AddHours(hour), [new SensorValue("OT", 30), new SensorValue("HUFL", 5)]);
            Assert.Null(tracker.Add(next, out forecast));
        }

        Assert.Equal(Start.AddMinutes(15).AddHours(17), forecast[0].Time);
    }

    public void Dispose()
    {
        _forecaster.Dispose();
        File.Delete(_checkpoint);
    }

    [Fact]
    public void The_calendar_a_daily_cycle_reads_is_on_the_training_datas_clock()
    {
        var checkpoint = Path.Combine(Path.GetTempPath(), $"atd-forecast-{Guid.NewGuid():N}.ckpt");
        RandomCheckpoint.WriteForecast(checkpoint, dailyCycle: true);
        using var cyclic = SeriesForecaster.Load(checkpoint);
        File.Delete(checkpoint);
        var eightHours = TimeSpan.FromHours(8);

        // The same values, stamped 8 hours earlier in UTC by a sensor whose data's clock is UTC+8.
        var onUtc = LastForecast(new SensorForecastTracker("ett-1", cyclic, every: 1, TimeSpan.Zero), TimeSpan.Zero);
        var onUtcPlusEight = LastForecast(new SensorForecastTracker("ett-1", cyclic, every: 1, eightHours), -eightHours);
        var offsetIgnored = LastForecast(new SensorForecastTracker("ett-1", cyclic, every: 1, TimeSpan.Zero), -eightHours);

        Assert.Equal(onUtc.Select(p => p.Value), onUtcPlusEight.Select(p => p.Value));
        Assert.NotEqual(onUtc.Select(p => p.Value), offsetIgnored.Select(p => p.Value));
    }

    private static IReadOnlyList<ForecastPoint> LastForecast(SensorForecastTracker tracker, TimeSpan shift)
    {
        IReadOnlyList<ForecastPoint> forecast = [];
        for (var hour = 0; hour < 16; hour++)
        {
            var reading = Reading(hour);
            Assert.Null(tracker.Add(reading with { Time = reading.Time + shift }, out forecast));
        }

        return forecast;
    }

    private static SensorReading Reading(int hour) =>
        new("ett-1", Start.AddHours(hour), [new SensorValue("OT", 30 + hour), new SensorValue("HUFL", 5), new SensorValue("extra", 1)]);
}
