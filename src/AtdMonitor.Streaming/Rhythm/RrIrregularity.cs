namespace AtdMonitor.Streaming.Rhythm;

/// <summary>
/// RR irregularity of a short series of RR intervals, after Dash et al. (2009, "Automatic real time detection of atrial
/// fibrillation", Ann Biomed Eng 37:1701): the normalised RMSSD and the Shannon entropy of the RR histogram, both
/// computed after the largest and smallest intervals are dropped (a premature beat and its pause), and the
/// turning-point ratio, which is about 2/3 for a random series and far from it for a regular or alternating one.
/// </summary>
/// <param name="NormalisedRmssd">RMSSD of successive differences over the mean RR.</param>
/// <param name="ShannonEntropy">Entropy of a 16-bin histogram of the intervals, over log(1/16) (0..1).</param>
/// <param name="TurningPointRatio">Turning points over the intervals that can be one (n − 2).</param>
public readonly record struct RrIrregularity(double NormalisedRmssd, double ShannonEntropy, double TurningPointRatio)
{
    private const int Bins = 16;

    /// <summary>Intervals dropped at each end of the sorted series before RMSSD and entropy (Dash et al. drop 8 of 128).</summary>
    public const int OutliersDropped = 2;

    public static RrIrregularity Of(IReadOnlyList<double> rr)
    {
        ArgumentNullException.ThrowIfNull(rr);
        if (rr.Count < (2 * OutliersDropped) + 4)
        {
            throw new ArgumentException($"At least {(2 * OutliersDropped) + 4} RR intervals are needed.", nameof(rr));
        }

        var sorted = rr.Order().ToArray();
        var low = sorted[OutliersDropped];
        var high = sorted[^(OutliersDropped + 1)];
        var kept = rr.Where(x => x >= low && x <= high).ToList();

        double sumSquares = 0;
        for (var i = 1; i < kept.Count; i++)
        {
            sumSquares += (kept[i] - kept[i - 1]) * (kept[i] - kept[i - 1]);
        }

        var rmssd = Math.Sqrt(sumSquares / Math.Max(1, kept.Count - 1));
        var mean = kept.Average();

        var histogram = new int[Bins];
        var width = (high - low) / Bins;
        foreach (var x in kept)
        {
            histogram[width <= 0 ? 0 : Math.Min(Bins - 1, (int)((x - low) / width))]++;
        }

        var entropy = 0.0;
        foreach (var count in histogram.Where(c => c > 0))
        {
            var p = (double)count / kept.Count;
            entropy -= p * Math.Log(p);
        }

        var turningPoints = 0;
        for (var i = 1; i < rr.Count - 1; i++)
        {
            turningPoints += (rr[i] > rr[i - 1] && rr[i] > rr[i + 1]) || (rr[i] < rr[i - 1] && rr[i] < rr[i + 1]) ? 1 : 0;
        }

        return new RrIrregularity(mean > 0 ? rmssd / mean : 0, entropy / Math.Log(Bins), turningPoints / (double)(rr.Count - 2));
    }
}
