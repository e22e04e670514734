namespace AtdMonitor.Data.Beats;

/// <summary>The beat inputs: a 256-sample window of lead 0 around the R-peak, and 4 RR features.</summary>
public static class BeatSpec
{
    /// <summary>ECG samples per second.</summary>
    public const int SampleRate = 360;

    /// <summary>Samples before the R-peak in the window.</summary>
    public const int WindowBefore = 90;

    /// <summary>Samples from the R-peak (included) to the end of the window.</summary>
    public const int WindowAfter = 166;

    /// <summary>Samples in the window: r − 90 .. r + 165.</summary>
    public const int WindowLength = 256;

    /// <summary>pre-RR, post-RR, local mean RR, pre-RR / local mean (seconds, seconds, seconds, ratio).</summary>
    public const int RhythmFeatureCount = 4;

    /// <summary>RR intervals averaged into the local mean RR.</summary>
    public const int LocalRrCount = 10;

    /// <summary>Recent beats whose peak-to-peak amplitudes give the record's running amplitude scale.</summary>
    public const int AmplitudeHistory = 32;

    /// <summary>Smallest amplitude scale, in mV: keeps flat stretches from being blown up.</summary>
    public const float MinimumAmplitudeScale = 0.1f;
}
