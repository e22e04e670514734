namespace AtdMonitor.Streaming.Alerts;

/// <summary>The <c>type</c> of each alert, as written to the <c>alert</c> measurement and the alert topic.</summary>
public static class AlertTypes
{
    public const string VentricularRun = "ventricular_run";
    public const string FrequentEctopy = "frequent_ectopy";
    public const string Pause = "pause";
    public const string Bradycardia = "bradycardia";
    public const string Tachycardia = "tachycardia";
    public const string SignalQuality = "signal_quality";
    public const string BedSilent = "bed_silent";
    public const string ForecastHigh = "forecast_high";
    public const string ForecastLow = "forecast_low";
}
