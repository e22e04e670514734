using AtdMonitor.Model.Configuration;

namespace AtdMonitor.Training.Forecasting;

/// <summary>The short name of a forecaster for figure titles and tables: "DLinear", "RLinear", "Atd, channel-independent", ….</summary>
public static class ForecastModelLabel
{
    public static string Of(AtdConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.ForecastArchitecture switch
        {
            ForecastArchitecture.DLinear => "DLinear",
            ForecastArchitecture.RLinear => "RLinear",
            _ => config.ChannelIndependent ? $"{config.Variant}, channel-independent"
                : config.Variant.ToString(),
        };
    }
}
