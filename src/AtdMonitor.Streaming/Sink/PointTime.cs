using System.Globalization;
using InfluxDB.Client.Api.Domain;

namespace AtdMonitor.Streaming.Sink;

/// <summary>Conventions every point shares.</summary>
public static class PointTime
{
    /// <summary>All points carry nanosecond times (the default precision of <c>influx write</c>).</summary>
    public const WritePrecision Precision = WritePrecision.Ns;

    /// <summary>The float's shortest decimal form as a double (0.03f is written 0.03, not 0.029999999329447746).</summary>
    public static double Exact(float value) => double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>An enum value as a tag value: <c>SilenceEnd</c> is written <c>silence_end</c>.</summary>
    public static string SnakeCase<T>(T value)
        where T : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
