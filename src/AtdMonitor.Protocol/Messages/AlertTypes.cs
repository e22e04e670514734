namespace AtdMonitor.Protocol.Messages;

/// <summary>The <c>type</c> of each alert, as written to the <c>alert</c> measurement and the alert topic.</summary>
public static class AlertTypes
{
    public const string VentricularRun = "ventricular_run";
    public const string FrequentEctopy = "frequent_ectopy";
    public const string Pause = "pause";
    public const string Bradycardia = "bradycardia";
    public const string Tachycardia = "tachycardia";
    public const string SignalQuality = "signal_quality";
    public const string AtrialFibrillation = "atrial_fibrillation";
    public const string VentricularTachycardia = "ventricular_tachycardia";
    public const string Couplet = "couplet";
    public const string SupraventricularTachycardia = "svt";
    public const string VentricularFibrillation = "ventricular_fibrillation";
    public const string Asystole = "asystole";
    public const string Bigeminy = "bigeminy";
    public const string Trigeminy = "trigeminy";
    public const string PvcRate = "pvc_rate";
    public const string ForecastHigh = "forecast_high";
    public const string ForecastLow = "forecast_low";

    public const string BedSilent = "bed_silent";
}
