namespace AtdMonitor.Model.Checkpoints;

/// <summary>Names of the model inputs whose normalisation a checkpoint stores.</summary>
public static class InputNames
{
    /// <summary>Arrhythmia: the 256-sample beat window.</summary>
    public const string Signal = "signal";

    /// <summary>Arrhythmia: the RR features.</summary>
    public const string Rhythm = "rhythm";

    /// <summary>Arrhythmia: the spectrogram crop.</summary>
    public const string Image = "image";

    /// <summary>Forecast: the numeric history (per variable, raw units → z-scores).</summary>
    public const string History = "history";
}
