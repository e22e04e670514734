using System.Globalization;

namespace AtdMonitor.Streaming.Configuration;

/// <summary>
/// The technical alert on raw windows (lead 0): a window is poor when it is flat, saturated or noisy, or when a second
/// QRS detector did not confirm enough of the recent beats; the rule's figure is 1 for a poor window and 0 for a good
/// one. While active it suppresses the arrhythmia alerts.
/// </summary>
public sealed class SignalQualityAlertOptions : AlertRuleOptions
{
    /// <summary>A window whose peak-to-peak amplitude is below this (mV) is a flat line (lead off).</summary>
    public double FlatPeakToPeakMillivolts { get; set; } = 0.05;

    /// <summary>Samples at or beyond this magnitude (mV) count as saturated.</summary>
    public double SaturationMillivolts { get; set; } = 10;

    /// <summary>A window with at least this fraction of samples pinned at its extreme values is saturated (clipping).</summary>
    public double SaturationFraction { get; set; } = 0.1;

    /// <summary>A window whose noise index (RMS of the second difference over peak-to-peak) exceeds this is noisy.</summary>
    public double NoiseIndex { get; set; } = 0.15;

    /// <summary>
    /// A window is poor (<see cref="Beats.SignalQualityVerdict.UnconfirmedBeats"/>) when at least this many beats of the
    /// last 10 s were not confirmed by the second QRS detector; 0 switches the check off. Fibrillation waves confuse the
    /// two detectors as noise does, so this problem alone neither raises the technical alarm nor mutes anything while
    /// the signal looks like ventricular fibrillation.
    /// </summary>
    public int UnconfirmedBeatsPoor { get; set; } = 4;

    /// <summary>
    /// Lead 1 is believed when it misses a beat (the lead-1 check of ventricular runs and VT,
    /// <see cref="Beats.Lead1BeatCheck"/>) only while the noise index of its window that holds the beat is below this: in
    /// muscle or mains noise its QRS detector misses true beats, wide ventricular ones first, long before the lead is poor
    /// (<see cref="NoiseIndex"/>). At most <see cref="NoiseIndex"/>, which believes lead 1 up to poor. The SVT rule
    /// believes QRS shapes on lead 0 only below the same level (<see cref="Rhythm.SupraventricularTachycardiaRule"/>).
    /// </summary>
    public double Lead1BelievedNoiseIndex { get; set; } = 0.06;

    public override IEnumerable<string> Validate(string key)
    {
        foreach (var problem in base.Validate(key))
        {
            yield return problem;
        }

        if (FlatPeakToPeakMillivolts is <= 0 or > 10)
        {
            yield return $"{key}:FlatPeakToPeakMillivolts must be above 0 and at most 10.";
        }

        if (SaturationMillivolts <= 0)
        {
            yield return $"{key}:SaturationMillivolts must be above 0.";
        }

        if (SaturationFraction is <= 0 or > 1)
        {
            yield return $"{key}:SaturationFraction must be above 0 and at most 1.";
        }

        if (!(NoiseIndex > 0))
        {
            yield return $"{key}:NoiseIndex must be above 0.";
        }
        else if (!(Lead1BelievedNoiseIndex > 0 && Lead1BelievedNoiseIndex <= NoiseIndex))
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{key}:Lead1BelievedNoiseIndex ({Lead1BelievedNoiseIndex}) must be above 0 and at most NoiseIndex ({NoiseIndex}).");
        }

        if (UnconfirmedBeatsPoor is < 0 or > 100)
        {
            yield return $"{key}:UnconfirmedBeatsPoor must be between 0 and 100.";
        }
    }
}
