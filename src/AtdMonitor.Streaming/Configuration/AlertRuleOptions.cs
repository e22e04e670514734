namespace AtdMonitor.Streaming.Configuration;

/// <summary>
/// One alert rule: the rule's figure raises the alert when at least <see cref="K"/> of the last <see cref="N"/>
/// evaluations reach <see cref="Raise"/>, and clears it when <see cref="ClearK"/> of the last <see cref="ClearN"/> reach
/// <see cref="Clear"/> (by default K of N too; hysteresis: a rule with Raise &gt; Clear fires on high values, Raise &lt; Clear on low ones). After a clear the rule
/// cannot raise again for <see cref="HoldOff"/>. With a <see cref="MinimumDuration"/> the raise votes must hold that
/// long before the alert is raised, and the alert's onset is when they began to hold.
/// </summary>
public class AlertRuleOptions
{
    public bool Enabled { get; set; } = true;

    public double Raise { get; set; }

    public double Clear { get; set; }

    public int K { get; set; } = 1;

    public int N { get; set; } = 1;

    /// <summary>Votes that clear the alert, of the last <see cref="ClearN"/>; null: <see cref="K"/>. A clear asked to
    /// hold longer than the raise keeps one episode one alarm through a few figures that do not show it.</summary>
    public int? ClearK { get; set; }

    /// <summary>Figures the clear votes are counted over; null: <see cref="N"/>.</summary>
    public int? ClearN { get; set; }

    public TimeSpan HoldOff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the raise votes (K of N) must hold, figure after figure, before the alert is raised; zero
    /// raises at once. The alert's onset is when they began to hold, so the alarm says since when.</summary>
    public TimeSpan MinimumDuration { get; set; } = TimeSpan.Zero;

    /// <summary>A copy of this rule (of its own type) that can raise again at once after a clear: the rule's condition
    /// without the alarm's hold-off, which is how often a nurse is told, not whether the condition holds.</summary>
    public AlertRuleOptions WithoutHoldOff()
    {
        var copy = (AlertRuleOptions)MemberwiseClone();
        copy.HoldOff = TimeSpan.Zero;
        return copy;
    }

    /// <summary>Checks the rule's values; messages name the key as <paramref name="key"/>:Field.</summary>
    public virtual IEnumerable<string> Validate(string key)
    {
        if (!double.IsFinite(Raise) || !double.IsFinite(Clear))
        {
            yield return $"{key}:Raise and {key}:Clear must be finite numbers.";
        }
        else if (Raise == Clear)
        {
            yield return $"{key}:Raise and {key}:Clear must differ (hysteresis); Raise above Clear fires on high values, below on low ones.";
        }

        if (N is < 1 or > 1000)
        {
            yield return $"{key}:N must be between 1 and 1000.";
        }

        if (K < 1 || K > N)
        {
            yield return $"{key}:K must be between 1 and {key}:N ({N}).";
        }

        if (ClearN is < 1 or > 1000)
        {
            yield return $"{key}:ClearN must be between 1 and 1000.";
        }

        // Unset, the clear vote is K of N, which the check above covers.
        var (clearK, clearN) = (ClearK ?? K, ClearN ?? N);
        if ((ClearK is not null || ClearN is not null) && (clearK < 1 || clearK > clearN))
        {
            yield return $"{key}:ClearK must be between 1 and {key}:ClearN ({clearN}){(ClearK is null ? $"; unset, it is {key}:K ({K})" : string.Empty)}.";
        }

        if (HoldOff < TimeSpan.Zero || HoldOff > TimeSpan.FromHours(24))
        {
            yield return $"{key}:HoldOff must be between 00:00:00 and 1.00:00:00.";
        }

        if (MinimumDuration < TimeSpan.Zero || MinimumDuration > TimeSpan.FromMinutes(10))
        {
            yield return $"{key}:MinimumDuration must be between 00:00:00 and 00:10:00.";
        }
    }
}
