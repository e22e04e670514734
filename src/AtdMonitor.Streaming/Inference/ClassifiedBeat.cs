namespace AtdMonitor.Streaming.Inference;

/// <summary>One beat of one bed with the model's verdict.</summary>
/// <param name="Bed">Bed id.</param>
/// <param name="RPeakSample">Absolute sample index of the R-peak in the bed's stream.</param>
/// <param name="Time">Time of the R-peak.</param>
/// <param name="ClassName">The most probable class ("N", "S", "V", "F", "Q").</param>
/// <param name="ClassNames">The model's class names, in probability order.</param>
/// <param name="Probabilities">One probability per class, in <paramref name="ClassNames"/> order.</param>
/// <param name="RrSeconds">The RR interval ending at this beat (pre-RR), seconds.</param>
/// <param name="ImageMissing">True when the beat was classified without its spectrogram.</param>
public sealed record ClassifiedBeat(string Bed, long RPeakSample, DateTimeOffset Time, string ClassName, IReadOnlyList<string> ClassNames, float[] Probabilities, float RrSeconds, bool ImageMissing)
{
    /// <summary>The probability of <see cref="ClassName"/>.</summary>
    public float Confidence => Probabilities.Max();
}
