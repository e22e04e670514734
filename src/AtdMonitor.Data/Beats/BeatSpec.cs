namespace AtdMonitor.Data.Beats;

/// <summary>The beat inputs: a 256-sample window of lead 0 around the R-peak, and 16 rhythm, context and template features.</summary>
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

    /// <summary>The features, in order (<see cref="BeatFeatureSequence"/>):
    /// 0 pre-RR, 1 post-RR, 2 local mean RR (seconds), 3 pre-RR / local mean, 4 post-RR / local mean,
    /// 5 QRS correlation with and 6 QRS RMS difference from the record's running template (<see cref="BeatTemplate"/>),
    /// 7 pre-RR and 8 post-RR over the patient's median RR (<see cref="PatientRrHistory"/> intervals),
    /// 9 pre-RR over the previous beat's pre-RR, 10 post-RR over pre-RR,
    /// 11 P-wave segment correlation with the template's,
    /// 12 RR irregularity before the beat (sd / mean of the <see cref="ContextBeats"/> intervals before its pre-RR),
    /// 13 the previous beat's QRS template correlation,
    /// 14 pre-RR and 15 post-RR over the patient's long RR (the <see cref="PatientLongRrPercentile"/>th percentile of the
    /// same intervals).</summary>
    public const int RhythmFeatureCount = 16;

    /// <summary>Index of the QRS RMS difference from the running template among the rhythm features (how far the beat lies from the patient's dominant beat).</summary>
    public const int QrsDifferenceFeature = 6;

    /// <summary>Index of the rhythm feature "pre-RR over the patient's median RR" (its prematurity).</summary>
    public const int PrematurityFeature = 7;

    /// <summary>RR intervals whose median is the patient's usual RR (about 3 to 4 minutes): the learning phase of a
    /// bedside monitor, computed causally and identically offline and in the stream.</summary>
    public const int PatientRrHistory = 256;

    /// <summary>
    /// Percentile of the patient's recent RR intervals that is its long cycle. Prematurity against the median fails
    /// where premature beats are the majority (they then set the median); against the long cycle a premature beat stays
    /// premature. On DS1's reference beats, pre-RR over it tells S from N beats with an AUC of 0.957, over the median 0.927.
    /// </summary>
    public const int PatientLongRrPercentile = 90;

    /// <summary>Neighbouring intervals whose spread gives the rhythm context (irregular rhythm vs an isolated premature beat).</summary>
    public const int ContextBeats = 8;

    /// <summary>RR intervals averaged into the local mean RR.</summary>
    public const int LocalRrCount = 10;

    /// <summary>Recent beats whose peak-to-peak amplitudes give the record's running amplitude scale.</summary>
    public const int AmplitudeHistory = 32;

    /// <summary>Recent windows whose per-sample median is the record's beat template.</summary>
    public const int TemplateHistory = 32;

    /// <summary>First window sample of the QRS segment the template compares: 100 ms before the R-peak. The samples
    /// before it (250 to 100 ms before the R-peak) are the P-wave segment.</summary>
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
                "(RR intervals against the local mean and the patient's median and long RR, rhythm context, QRS and P-wave template match). " +
                "Retrain it with 'atd train' (or 'atd train --from-recording').");
        }
    }
}
