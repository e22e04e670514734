using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Forecasting;

namespace AtdMonitor.Streaming.Tests.Forecasting;

public sealed class SensorVariableSetsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Without_a_forecaster_the_first_reading_fixes_a_sensors_variables_and_new_names_are_refused_by_name()
    {
        var sets = new SensorVariableSets(forecasterVariables: null, maxSeries: 100);

        Assert.Null(sets.Admit(Reading("s1", "A", "B")));
        Assert.Null(sets.Admit(Reading("s1", "B")));
        Assert.Equal("reading does not match the sensor's variables (fixed by its first reading) (A, B): it has C, D beyond them.", sets.Admit(Reading("s1", "A", "D", "C")));
        Assert.Null(sets.Admit(Reading("s2", "C")));
        Assert.Equal((3, 1L), (sets.Series, sets.Refused));
    }

    [Fact]
    public void With_a_forecaster_a_reading_must_carry_exactly_its_variables_and_the_reason_names_the_difference()
    {
        var sets = new SensorVariableSets(["HUFL", "OT"], maxSeries: 100);

        Assert.Null(sets.Admit(Reading("s1", "OT", "HUFL")));
        Assert.Equal("reading does not match the forecaster's variables (HUFL, OT): it lacks HUFL and has LOAD beyond them.", sets.Admit(Reading("s1", "OT", "LOAD")));
        Assert.Equal("reading does not match the forecaster's variables (HUFL, OT): it has X beyond them.", sets.Admit(Reading("s2", "OT", "HUFL", "X")));
        Assert.Equal((2, 2L), (sets.Series, sets.Refused));
    }

    [Fact]
    public void Five_hundred_new_sensors_with_64_new_names_each_stay_within_the_series_cap()
    {
        var sets = new SensorVariableSets(forecasterVariables: null, maxSeries: 1_000);

        var refusals = Enumerable.Range(0, 500)
            .Select(s => sets.Admit(Reading($"sensor-{s}", [.. Enumerable.Range(0, 64).Select(v => $"v{s}-{v}")])))
            .Where(reason => reason is not null)
            .ToList();

        Assert.Equal(15 * 64, sets.Series);
        Assert.Equal(500 - 15, refusals.Count);
        Assert.Equal("new sensor 'sensor-15' with 64 variables would exceed the cap of 1000 series (Forecasting:MaxSeries); 960 are in use.", refusals[0]);
    }

    private static SensorReading Reading(string sensor, params string[] names) =>
        new(sensor, Start, [.. names.Select(n => new SensorValue(n, 1))]);
}
