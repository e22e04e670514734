using AtdMonitor.Model.Configuration;

namespace AtdMonitor.Training.Forecasting;

/// <summary>The short name of a forecaster for figure titles and tables: "DLinear", "Atd, channel-independent", ….</summary>
public static class ForecastModelLabel
{
    public static string Of(AtdConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.ForecastArchitecture == ForecastArchitecture.DLinear ? "DLinear"
            : config.ChannelIndependent ? $"{config.Variant}, channel-independent"
            : config.Variant.ToString();
    }
}
