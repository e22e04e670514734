namespace AtdMonitor.Streaming.Configuration;

/// <summary>A rule whose figure is computed over the last <see cref="Beats"/> beats of a bed (heart rate, ectopy burden).</summary>
public sealed class BeatWindowAlertRuleOptions : AlertRuleOptions
{
    public int Beats { get; set; } = 8;

    public override IEnumerable<string> Validate(string key)
    {
        foreach (var problem in base.Validate(key))
        {
            yield return problem;
        }

        if (Beats is < 2 or > 10_000)
        {
            yield return $"{key}:Beats must be between 2 and 10000.";
        }
    }
}
