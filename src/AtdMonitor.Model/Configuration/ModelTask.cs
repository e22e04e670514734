namespace AtdMonitor.Model.Configuration;

/// <summary>The two tasks the ATD model is built for.</summary>
public enum ModelTask
{
    /// <summary>5-class AAMI beat classification from an ECG window, RR features and a spectrogram image.</summary>
    Arrhythmia,

    /// <summary>Multi-horizon forecasting of a multivariate series from its history and calendar features.</summary>
    Forecast,
}
