namespace AtdMonitor.Streaming.Configuration;

/// <summary>Alert limits for one forecast variable; a forecast step beyond either raises a <c>forecast_high</c>/<c>forecast_low</c> alert.</summary>
public sealed class ForecastThresholdOptions
{
    public double? High { get; set; }

    public double? Low { get; set; }
}
