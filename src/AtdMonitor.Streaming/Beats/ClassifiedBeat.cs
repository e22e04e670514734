namespace AtdMonitor.Streaming.Beats;

/// <summary>One beat of one bed with the model's verdict.</summary>
/// <param name="Bed">Bed id.</param>
/// <param name="RPeakSample">Absolute sample index of the R-peak in the bed's stream.</param>
/// <param name="Time">Time of the R-peak.</param>
/// <param name="ClassName">The class the beat is labelled with: the most probable class ("N", "S", "V", "F"), or
/// <see cref="UnclassifiableClass"/> when <paramref name="Unclassifiable"/> says why the model's answer is not trusted.</param>
/// <param name="ClassNames">The model's class names, in probability order.</param>
/// <param name="Probabilities">One calibrated probability per class, in <paramref name="ClassNames"/> order.</param>
/// <param name="RrSeconds">The RR interval ending at this beat (pre-RR), seconds.</param>
/// <param name="ImageMissing">True when the beat was classified without its spectrogram.</param>
/// <param name="Unclassifiable">Why the beat is labelled unclassifiable, or <see cref="UnclassifiableReason.None"/>.</param>
/// <param name="QrsTemplateDifference">RMS difference of the beat's QRS from the bed's running dominant-beat template, in
/// units of the usual beat's amplitude (<see cref="Data.Beats.BeatSpec.QrsDifferenceFeature"/>), or null when unknown (the
/// ectopy alarms then take the class as it is).</param>
/// <param name="MissedOnLead1">True when the bed sends lead 1 and a QRS detector on it found no QRS within 150 ms of the
/// beat while lead 1 was believed (<see cref="Lead1BeatCheck"/>): a "beat" of lead 0 alone is most often an artefact
/// (the ventricular run rules may leave such beats out of their runs).</param>
public sealed record ClassifiedBeat(
    string Bed,
    long RPeakSample,
    DateTimeOffset Time,
    string ClassName,
    IReadOnlyList<string> ClassNames,
    float[] Probabilities,
    float RrSeconds,
    bool ImageMissing,
    UnclassifiableReason Unclassifiable = UnclassifiableReason.None,
    float? QrsTemplateDifference = null,
    bool MissedOnLead1 = false)
{
    /// <summary>The AAMI label of a beat nobody can judge; it is never folded into N.</summary>
    public const string UnclassifiableClass = "Q";

    /// <summary>The highest calibrated probability.</summary>
    public float Confidence => Probabilities.Max();

    /// <summary>False when the beat is unclassifiable: rhythm and arrhythmia alarms leave it out.</summary>
    public bool IsJudged => Unclassifiable == UnclassifiableReason.None;
}
