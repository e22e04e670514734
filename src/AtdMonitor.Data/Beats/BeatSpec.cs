namespace AtdMonitor.Data.Beats;

/// <summary>The beat inputs: a 256-sample window of lead 0 around the R-peak, and 7 rhythm and template features.</summary>
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

    /// <summary>pre-RR, post-RR, local mean RR (seconds), pre-RR / local mean, post-RR / local mean, and the beat's
    /// correlation with and RMS difference from the record's running template (<see cref="BeatTemplate"/>).</summary>
    public const int RhythmFeatureCount = 7;

    /// <summary>RR intervals averaged into the local mean RR.</summary>
    public const int LocalRrCount = 10;

    /// <summary>Recent beats whose peak-to-peak amplitudes give the record's running amplitude scale.</summary>
    public const int AmplitudeHistory = 32;

    /// <summary>Recent windows whose per-sample median is the record's beat template.</summary>
    public const int TemplateHistory = 32;

    /// <summary>First window sample of the QRS segment the template compares: 100 ms before the R-peak.</summary>
    public const int QrsStart = WindowBefore - 36;

    /// <summary>Samples in the compared QRS segment: 100 ms before to 150 ms after the R-peak.</summary>
    public const int QrsLength = 90;

    /// <summary>Smallest amplitude scale, in mV: keeps flat stretches from being blown up.</summary>
    public const float MinimumAmplitudeScale = 0.1f;

    /// <summary>Refuses a model trained on another feature set than the one this build computes.</summary>
    /// <exception cref="InvalidDataException">The counts differ; the message says to retrain.</exception>
    public static void RequireRhythmFeatures(int modelFeatures)
    {
        if (modelFeatures != RhythmFeatureCount)
        {
            throw new InvalidDataException(
                $"The checkpoint takes {modelFeatures} rhythm features per beat; this version computes {RhythmFeatureCount} " +
                "(pre-RR, post-RR, local mean RR, pre-RR and post-RR over the local mean, template correlation and difference). " +
                "Retrain it with 'atd train' (or 'atd train --from-recording').");
        }
    }
}
