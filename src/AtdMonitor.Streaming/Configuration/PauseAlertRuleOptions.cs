namespace AtdMonitor.Streaming.Configuration;

/// <summary>
/// Pauses: the figure is the RR interval ending at each beat, seconds, cross-checked on the signal: when a QRS-like slope
/// (at least <see cref="MissedBeatSlopeFraction"/> of the bounding beats' QRS slope) lies inside the interval, the
/// detector missed a beat there and the figure is the longest stretch without one.
/// </summary>
public sealed class PauseAlertRuleOptions : AlertRuleOptions
{
    /// <summary>Fraction of the smaller QRS slope of the two bounding beats from which a slope inside the interval is a missed beat (0 switches the check off).</summary>
    public double MissedBeatSlopeFraction { get; set; }

    public override IEnumerable<string> Validate(string key)
    {
        foreach (var problem in base.Validate(key))
        {
            yield return problem;
        }

        if (!(MissedBeatSlopeFraction is >= 0 and <= 1))
        {
            yield return $"{key}:MissedBeatSlopeFraction must be between 0 (off) and 1.";
        }
    }
}
