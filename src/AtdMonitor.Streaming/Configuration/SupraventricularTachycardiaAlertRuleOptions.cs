namespace AtdMonitor.Streaming.Configuration;

/// <summary>
/// SVT from rate, regularity, onset and shape, without the classifier's S calls: the figure is the number of
/// consecutive fast beats (RR below 60 / <see cref="MinimumRateBpm"/>) ending at the newest beat when they are regular,
/// started abruptly against the bed's steady preceding rate and are shaped like the bed's dominant beat; else 0.
/// </summary>
public sealed class SupraventricularTachycardiaAlertRuleOptions : AlertRuleOptions
{
    /// <summary>Rate, bpm, above which an RR interval counts as fast.</summary>
    public double MinimumRateBpm { get; set; } = 100;

    /// <summary>Largest deviation of a run's RR intervals from their median, as a fraction of the median (regular, unlike AF).</summary>
    public double MaximumIrregularity { get; set; } = 0.2;

    /// <summary>Smallest ratio of the median RR before the run to the run's median RR (abrupt onset, unlike a sinus tachycardia that speeds up slowly).</summary>
    public double MinimumOnsetRatio { get; set; } = 1.25;

    /// <summary>
    /// Largest median absolute deviation of the RR intervals before the run over their median: the onset is judged
    /// against a steady preceding rhythm (sinus), not against atrial fibrillation, whose irregular response holds
    /// stretches of fast beats that look abrupt and regular.
    /// </summary>
    public double MaximumPrecedingIrregularity { get; set; } = 0.15;

    /// <summary>Smallest mean correlation of the run's QRS complexes with the bed's dominant QRS before the run (narrow and alike, unlike VT).</summary>
    public double MinimumNormalLikeness { get; set; } = 0.8;

    /// <summary>
    /// Most beats among the run's newest 8, when it is first judged, that the ectopy alarms count as ventricular
    /// (called V, QRS unlike the dominant beat): a fast run with more of them is ventricular ectopy, not SVT. 8 is off.
    /// </summary>
    public int MaximumVentricularBeats { get; set; } = 2;

    public override IEnumerable<string> Validate(string key)
    {
        foreach (var problem in base.Validate(key))
        {
            yield return problem;
        }

        if (!(MinimumRateBpm is >= 60 and <= 300))
        {
            yield return $"{key}:MinimumRateBpm must be between 60 and 300.";
        }

        if (!(MaximumIrregularity is > 0 and <= 1))
        {
            yield return $"{key}:MaximumIrregularity must be above 0 and at most 1.";
        }

        if (!(MinimumOnsetRatio is >= 1 and <= 5))
        {
            yield return $"{key}:MinimumOnsetRatio must be between 1 and 5.";
        }

        if (!(MaximumPrecedingIrregularity is > 0 and <= 1))
        {
            yield return $"{key}:MaximumPrecedingIrregularity must be above 0 and at most 1.";
        }

        if (!(MinimumNormalLikeness is >= -1 and <= 1))
        {
            yield return $"{key}:MinimumNormalLikeness must be between -1 and 1.";
        }

        if (MaximumVentricularBeats is < 0 or > 8)
        {
            yield return $"{key}:MaximumVentricularBeats must be between 0 and 8 (off).";
        }
    }
}
