using AtdMonitor.Model.Configuration;

namespace AtdMonitor.Training.Forecasting;

/// <summary>The short name of a forecaster for figure titles and tables: "DLinear", "RLinear", "Atd, channel-independent, daily cycle", ….</summary>
public static class ForecastModelLabel
{
    public static string Of(AtdConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var name = config.ForecastArchitecture switch
        {
            ForecastArchitecture.DLinear => "DLinear",
            ForecastArchitecture.RLinear => "RLinear",
            _ => config.ChannelIndependent ? $"{config.Variant}, channel-independent"
                : config.Variant.ToString(),
        };
        return config.DailyCycle ? $"{name}, daily cycle" : name;
    }
}
