namespace AtdMonitor.Simulator.Scoring;

/// <summary>How long alerts of one type covered their reference episodes (EC57's duration sensitivity and positive predictivity), in samples.</summary>
/// <param name="Reference">Samples inside reference episodes.</param>
/// <param name="Alerted">Samples inside alerts of the type.</param>
/// <param name="Overlap">Samples inside both.</param>
public readonly record struct DurationScore(long Reference, long Alerted, long Overlap)
{
    /// <summary>Fraction of the reference duration under an alert; NaN without reference.</summary>
    public double Sensitivity => Reference == 0 ? double.NaN : (double)Overlap / Reference;

    /// <summary>Fraction of the alert duration inside reference episodes; NaN without alerts.</summary>
    public double PositivePredictivity => Alerted == 0 ? double.NaN : (double)Overlap / Alerted;

    public static DurationScore operator +(DurationScore a, DurationScore b) => new(a.Reference + b.Reference, a.Alerted + b.Alerted, a.Overlap + b.Overlap);

    /// <summary>The durations of two sets of non-overlapping stretches and of their intersection.</summary>
    public static DurationScore Of(IReadOnlyList<Episode> reference, IReadOnlyList<Episode> alerts)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(alerts);
        long overlap = 0;
        foreach (var r in reference)
        {
            foreach (var a in alerts)
            {
                overlap += Math.Max(0, Math.Min(r.End, a.End) - Math.Max(r.Start, a.Start));
            }
        }

        return new DurationScore(reference.Sum(e => e.End - e.Start), alerts.Sum(e => e.End - e.Start), overlap);
    }
}
