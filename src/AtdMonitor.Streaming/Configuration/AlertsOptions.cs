using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace AtdMonitor.Streaming.Configuration;

/// <summary>The per-bed alert rules and their thresholds. Section <c>Alerts</c>; every rule is validated at start.</summary>
public sealed class AlertsOptions : IValidatableObject
{
    public const string SectionName = "Alerts";

    /// <summary>
    /// Figure: length of the run of 3 or more consecutive V beats (one uncertain beat tolerated) that just ended, when
    /// VentricularTachycardia would not raise it; a run as long as VT needs but slower is a run at once.
    /// </summary>
    public EctopicRunAlertRuleOptions VentricularRun { get; set; } = new() { Raise = 3, Clear = 0, K = 1, N = 1, MinimumMeanProbability = 0.75, MinimumRunConsistency = 0.5 };

    /// <summary>Figure: percentage of V or S beats among the last Beats beats (the larger of the two).</summary>
    public BeatWindowAlertRuleOptions FrequentEctopy { get; set; } = new() { Raise = 20, Clear = 10, K = 5, N = 5, Beats = 30, HoldOff = TimeSpan.FromSeconds(60), MinimumDuration = TimeSpan.FromSeconds(30) };

    /// <summary>Figure: the RR interval ending at each beat, seconds, or the longest stretch in it without a QRS-like slope when the detector missed a beat.</summary>
    public PauseAlertRuleOptions Pause { get; set; } = new() { Raise = 2.0, Clear = 1.5, K = 1, N = 1, MissedBeatSlopeFraction = 0.3 };

    /// <summary>Figure: heart rate over the last Beats RR intervals, beats per minute (fires on low values).</summary>
    public BeatWindowAlertRuleOptions Bradycardia { get; set; } = new() { Raise = 50, Clear = 55, K = 3, N = 4, Beats = 8 };

    /// <summary>Figure: heart rate over the last Beats RR intervals, beats per minute. Sixteen beats (about 8 s at the
    /// threshold): a few seconds of beats found in noise or of fast AF do not raise it.</summary>
    public BeatWindowAlertRuleOptions Tachycardia { get; set; } = new() { Raise = 120, Clear = 110, K = 3, N = 4, Beats = 16 };

    /// <summary>Figure: 1 for a poor raw window (flat, saturated, noisy, or beats not confirmed by a second detector), 0 for a good one.</summary>
    public SignalQualityAlertOptions SignalQuality { get; set; } = new() { Raise = 1, Clear = 0, K = 2, N = 3 };

    /// <summary>The technical alarm raised when a bed sends no valid window for a while.</summary>
    public BedSilentAlertOptions BedSilent { get; set; } = new();

    /// <summary>Priorities, latching, escalation and command bounds of the alarm system.</summary>
    public AlarmSystemOptions Alarms { get; set; } = new();
    /// <summary>Figure: 1 for irregular RR without repeating P waves over the last Beats beats, else 0.</summary>
    public AtrialFibrillationAlertRuleOptions AtrialFibrillation { get; set; } = new() { Raise = 1, Clear = 0, K = 8, N = 10, ClearK = 48, ClearN = 60 };

    /// <summary>Figure: length of the ventricular run ending at each beat, at a rate of at least 100 bpm; Raise is the beats that make VT (shorter runs are VentricularRun).</summary>
    public EctopicRunAlertRuleOptions VentricularTachycardia { get; set; } = new() { Raise = 6, Clear = 0, MinimumRateBpm = 100, MinimumMeanProbability = 0.6, HoldOff = TimeSpan.Zero };

    /// <summary>Figure: 2 for a couplet (exactly two consecutive V beats) just completed, else 0. Decided with the VentricularRun settings.</summary>
    public AlertRuleOptions Couplet { get; set; } = new() { Raise = 2, Clear = 0, HoldOff = TimeSpan.FromSeconds(30) };

    /// <summary>Figure: consecutive fast, regular beats of abrupt onset shaped like the dominant beat, ending at each beat (not the classifier's S calls).</summary>
    public SupraventricularTachycardiaAlertRuleOptions SupraventricularTachycardia { get; set; } = new() { Raise = 3, Clear = 0 };

    /// <summary>Figure: VF-filter leakage of the last 4 s of signal (low values fire).</summary>
    public AlertRuleOptions VentricularFibrillation { get; set; } = new() { Raise = 0.45, Clear = 0.55, K = 3, N = 4, HoldOff = TimeSpan.Zero };

    /// <summary>Figure: seconds since the last QRS-like slope in the signal.</summary>
    public AlertRuleOptions Asystole { get; set; } = new() { Raise = 4, Clear = 2, HoldOff = TimeSpan.Zero };

    /// <summary>Figure: consecutive N V cycles ending at each beat. One broken cycle clears it, so the hold-off is short:
    /// bigeminy that resumes is told again within seconds (DS1: episode Se 0.73 with 30 s, 0.88 with 10 s, no false alarm added).</summary>
    public AlertRuleOptions Bigeminy { get; set; } = new() { Raise = 4, Clear = 0 };

    /// <summary>Figure: consecutive N N V cycles ending at each beat (hold-off as bigeminy).</summary>
    public AlertRuleOptions Trigeminy { get; set; } = new() { Raise = 4, Clear = 0 };

    /// <summary>Figure: V beats in the minute before each beat.</summary>
    public AlertRuleOptions PvcRate { get; set; } = new() { Raise = 10, Clear = 5, K = 3, N = 3, HoldOff = TimeSpan.FromSeconds(60), MinimumDuration = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// Low-priority alarms (ectopy: couplet, ventricular run, PVC rate, frequent ectopy, bigeminy, trigeminy) are not
    /// raised while any of the bed's last this many beats is unclassifiable: ectopy counted among beats the model could
    /// not judge (noise, artefact) is mostly false. 0 switches this off. Medium and high priorities are never held back.
    /// </summary>
    public int UnclassifiableContextBeats { get; set; }

    /// <summary>How the ectopy alarms confirm a V call by the beat's shape.</summary>
    public EctopyOptions Ectopy { get; set; } = new();

    /// <summary>A copy whose rate and ectopy rules (brady- and tachycardia, bigeminy, trigeminy, PVC rate, frequent
    /// ectopy) have no hold-off, the rest shared: for the judge that runs the worker's rules over the reference beats,
    /// where a hold-off after a brief clear would hide a condition that still holds.</summary>
    public AlertsOptions WithoutRateAndEctopyHoldOffs()
    {
        var copy = (AlertsOptions)MemberwiseClone();
        copy.Bradycardia = (BeatWindowAlertRuleOptions)Bradycardia.WithoutHoldOff();
        copy.Tachycardia = (BeatWindowAlertRuleOptions)Tachycardia.WithoutHoldOff();
        copy.Bigeminy = Bigeminy.WithoutHoldOff();
        copy.Trigeminy = Trigeminy.WithoutHoldOff();
        copy.PvcRate = PvcRate.WithoutHoldOff();
        copy.FrequentEctopy = (BeatWindowAlertRuleOptions)FrequentEctopy.WithoutHoldOff();
        return copy;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UnclassifiableContextBeats is < 0 or > 100)
        {
            yield return new ValidationResult($"{SectionName}:UnclassifiableContextBeats must be between 0 and 100.", [nameof(UnclassifiableContextBeats)]);
        }

        if (Alarms is null)
        {
            yield return new ValidationResult($"{SectionName}:Alarms must be an object.", [nameof(Alarms)]);
        }
        else
        {
            foreach (var problem in Alarms.Validate($"{SectionName}:Alarms"))
            {
                yield return new ValidationResult(problem, [nameof(Alarms)]);
            }
        }

        // Each rule's figure fires one way; thresholds set the other way round would raise on the normal rhythm or never.
        var rules = new (string Name, AlertRuleOptions? Rule, bool FiresHigh)[]
        {
            (nameof(VentricularRun), VentricularRun, true), (nameof(FrequentEctopy), FrequentEctopy, true), (nameof(Pause), Pause, true),
            (nameof(Bradycardia), Bradycardia, false), (nameof(Tachycardia), Tachycardia, true), (nameof(SignalQuality), SignalQuality, true),
            (nameof(AtrialFibrillation), AtrialFibrillation, true), (nameof(VentricularTachycardia), VentricularTachycardia, true), (nameof(Couplet), Couplet, true),
            (nameof(SupraventricularTachycardia), SupraventricularTachycardia, true), (nameof(VentricularFibrillation), VentricularFibrillation, false),
            (nameof(Asystole), Asystole, true), (nameof(Bigeminy), Bigeminy, true), (nameof(Trigeminy), Trigeminy, true), (nameof(PvcRate), PvcRate, true),
        };
        foreach (var (name, rule, firesHigh) in rules)
        {
            if (rule is null)
            {
                yield return new ValidationResult($"{SectionName}:{name} must be an object.", [name]);
                continue;
            }

            foreach (var problem in rule.Validate($"{SectionName}:{name}"))
            {
                yield return new ValidationResult(problem, [name]);
            }

            if (double.IsFinite(rule.Raise) && double.IsFinite(rule.Clear) && rule.Raise != rule.Clear && rule.Raise > rule.Clear != firesHigh)
            {
                yield return new ValidationResult(string.Create(CultureInfo.InvariantCulture,
                    $"{SectionName}:{name}:Raise ({rule.Raise}) must be {(firesHigh ? "above" : "below")} {SectionName}:{name}:Clear ({rule.Clear}): its figure fires on {(firesHigh ? "high" : "low")} values."), [name]);
            }
        }

        // A high-priority alarm tells every episode: a hold-off after its clear would drop a second episode that starts inside it.
        foreach (var (name, rule) in new (string Name, AlertRuleOptions? Rule)[] { (nameof(VentricularTachycardia), VentricularTachycardia), (nameof(VentricularFibrillation), VentricularFibrillation), (nameof(Asystole), Asystole) })
        {
            if (rule is { HoldOff.Ticks: not 0 })
            {
                yield return new ValidationResult($"{SectionName}:{name}:HoldOff must be 00:00:00: a hold-off would drop a second episode of a high-priority alarm that starts inside it.", [name]);
            }
        }

        foreach (var (name, section) in new (string Name, object? Section)[] { (nameof(BedSilent), BedSilent), (nameof(Ectopy), Ectopy) })
        {
            if (section is null)
            {
                yield return new ValidationResult($"{SectionName}:{name} must be an object.", [name]);
                continue;
            }

            var results = new List<ValidationResult>();
            Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return result;
            }
        }

        foreach (var (name, rule, why) in new (string Name, AlertRuleOptions? Rule, string Why)[]
                 {
                     (nameof(VentricularRun), VentricularRun, "its figure is a run that just ended, one beat long"),
                     (nameof(Couplet), Couplet, "its figure is a couplet that just ended, one beat long"),
                     (nameof(VentricularTachycardia), VentricularTachycardia, "VT and the ventricular run are told apart by run length, so a fast run shorter than it would be neither"),
                     (nameof(Pause), Pause, "its figure is one RR interval"),
                     (nameof(Asystole), Asystole, "asystole is a duration already"),
                 })
        {
            if (rule is { MinimumDuration.Ticks: not 0 })
            {
                yield return new ValidationResult($"{SectionName}:{name}:MinimumDuration must be 00:00:00: {why}.", [name]);
            }
        }

        if (FrequentEctopy is { Raise: > 100 or <= 0 })
        {
            yield return new ValidationResult($"{SectionName}:FrequentEctopy:Raise is a percentage: above 0 and at most 100.", [nameof(FrequentEctopy)]);
        }
    }
}
