using System.Globalization;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Sink;
using InfluxDB.Client.Writes;

namespace AtdMonitor.Streaming.Forecasting;

/// <summary>The <c>reading</c> and <c>forecast</c> measurements.</summary>
public static class ForecastPoints
{
    /// <summary>The raw readings a forecaster received, one point per variable.</summary>
    public static IReadOnlyCollection<PointData> Reading(SensorReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return reading.Values.Select(value => PointData.Measurement("reading")
            .Tag("sensor", reading.Sensor)
            .Tag("variable", value.Name)
            .Field("value", PointTime.Exact(value.Value))
            .Timestamp(reading.Time, PointTime.Precision)).ToList();
    }

    public static PointData Forecast(ForecastPoint forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        return PointData.Measurement("forecast")
            .Tag("sensor", forecast.Sensor)
            .Tag("variable", forecast.Variable)
            .Tag("horizon_step", forecast.Step.ToString(CultureInfo.InvariantCulture))
            .Field("value", forecast.Value)
            .Timestamp(forecast.Time, PointTime.Precision);
    }
}
