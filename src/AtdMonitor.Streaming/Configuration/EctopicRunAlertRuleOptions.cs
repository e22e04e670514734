namespace AtdMonitor.Streaming.Configuration;

/// <summary>
/// A rule on runs of consecutive ectopic beats of one class (ventricular runs, VT, couplets, SVT): the figure is the run's
/// length in beats when the run is fast enough, its mean class probability high enough and (when asked) its beats
/// alike and unlike the bed's normal beats; else 0.
/// </summary>
public sealed class EctopicRunAlertRuleOptions : AlertRuleOptions
{
    /// <summary>Rate inside the run, bpm, at or above which it counts (0: any rate).</summary>
    public double MinimumRateBpm { get; set; }

    /// <summary>Probability of the run's class from which a judged beat belongs to the run.</summary>
    public double BeatProbability { get; set; } = 0.5;

    /// <summary>Mean probability of the run's class over its beats.</summary>
    public double MinimumMeanProbability { get; set; } = 0.6;

    /// <summary>
    /// Ventricular runs only: the largest mean correlation of the run's QRS complexes with the bed's recent normal beats
    /// (1 switches the check off). Beats called V that look like the normal beats are not a ventricular run.
    /// </summary>
    public double MaximumNormalLikeness { get; set; } = 1;

    /// <summary>
    /// The smallest mean correlation of the QRS complexes of consecutive beats of the run (−1 switches the check off):
    /// the beats of a true run look alike; "beats" found in noise or fibrillation waves do not. Runs and couplets use
    /// it; VT does not, because polymorphic VT (torsades) is VT whatever its complexes look like.
    /// </summary>
    public double MinimumRunConsistency { get; set; } = -1;

    /// <summary>
    /// The smallest RMS difference of a beat's QRS from the bed's running dominant-beat template (as
    /// <see cref="EctopyOptions.MinimumQrsDifference"/>) at which a beat called V belongs to the run; a closer beat counts
    /// as uncertain, and a run tolerates one. 0 switches the check off.
    /// </summary>
    public double MinimumQrsDifference { get; set; }

    /// <summary>
    /// True: a beat that lead 1's QRS detector did not find is not a member of the run but uncertain (a run tolerates
    /// one). A ventricular beat shows on every lead; the "beats" of an electrode-motion artefact on lead 0 do not, and a
    /// run of them is the false VT of a noisy lead. Beds that send one lead are judged on lead 0 alone.
    /// </summary>
    public bool SeenOnLead1Only { get; set; }

    public override IEnumerable<string> Validate(string key)
    {
        foreach (var problem in base.Validate(key))
        {
            yield return problem;
        }

        if (MinimumRateBpm is < 0 or > 400 || double.IsNaN(MinimumRateBpm))
        {
            yield return $"{key}:MinimumRateBpm must be between 0 and 400.";
        }

        if (BeatProbability is <= 0.2 or > 1 || double.IsNaN(BeatProbability))
        {
            yield return $"{key}:BeatProbability must be above 0.2 (the probability of an uncertain beat) and at most 1.";
        }

        if (MinimumMeanProbability is < 0 or > 1 || double.IsNaN(MinimumMeanProbability))
        {
            yield return $"{key}:MinimumMeanProbability must be between 0 and 1.";
        }

        if (MaximumNormalLikeness is < -1 or > 1 || double.IsNaN(MaximumNormalLikeness))
        {
            yield return $"{key}:MaximumNormalLikeness must be between -1 and 1.";
        }

        if (!(MinimumQrsDifference is >= 0 and <= 1))
        {
            yield return $"{key}:MinimumQrsDifference must be between 0 (off) and 1.";
        }

        if (!(MinimumRunConsistency is >= -1 and <= 1))
        {
            yield return $"{key}:MinimumRunConsistency must be between -1 and 1.";
        }
    }
}
