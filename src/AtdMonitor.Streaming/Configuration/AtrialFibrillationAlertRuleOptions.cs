namespace AtdMonitor.Streaming.Configuration;

/// <summary>
/// Atrial fibrillation: the figure is 1 when the RR intervals of the last <see cref="Beats"/> beats are irregular
/// (normalised RMSSD, Shannon entropy and turning-point ratio within their limits) and the signal shows no repeating
/// P wave (consistency of consecutive P segments on lead 0 at most <see cref="MaximumAtrialConsistency"/>, and of each
/// segment with the others' mean at most <see cref="MaximumAtrialTemplateConsistency"/> on either lead), else 0.
/// </summary>
public sealed class AtrialFibrillationAlertRuleOptions : AlertRuleOptions
{
    /// <summary>Beats whose RR intervals are judged (intervals next to a ventricular or unclassifiable beat are left out).</summary>
    public int Beats { get; set; } = 24;

    public double MinimumNormalisedRmssd { get; set; } = 0.1;

    public double MinimumEntropy { get; set; } = 0.7;

    public double MinimumTurningPointRatio { get; set; } = 0.45;

    public double MaximumTurningPointRatio { get; set; } = 0.9;

    /// <summary>Largest mean correlation of consecutive P segments (lead 0) that still counts as no organised atrial activity (1: not looked at).</summary>
    public double MaximumAtrialConsistency { get; set; } = 0.35;

    /// <summary>Largest mean correlation of each detrended P segment with the mean of the others, on lead 0 and on lead 1,
    /// that still counts as no organised atrial activity (1: not looked at; with both at 1 the rule is RR only).</summary>
    public double MaximumAtrialTemplateConsistency { get; set; } = 0.5;

    public override IEnumerable<string> Validate(string key)
    {
        foreach (var problem in base.Validate(key))
        {
            yield return problem;
        }

        if (Beats is < 12 or > 200)
        {
            yield return $"{key}:Beats must be between 12 and 200.";
        }

        if (!(MinimumNormalisedRmssd >= 0) || !(MinimumEntropy is >= 0 and <= 1) || !(MinimumTurningPointRatio >= 0) || !(MaximumTurningPointRatio <= 1)
            || MinimumTurningPointRatio > MaximumTurningPointRatio || !(MaximumAtrialConsistency is >= -1 and <= 1) || !(MaximumAtrialTemplateConsistency is >= -1 and <= 1))
        {
            yield return $"{key}: MinimumNormalisedRmssd ≥ 0, MinimumEntropy in 0..1, 0 ≤ MinimumTurningPointRatio ≤ MaximumTurningPointRatio ≤ 1 and MaximumAtrialConsistency and MaximumAtrialTemplateConsistency in −1..1 are required.";
        }
    }
}
