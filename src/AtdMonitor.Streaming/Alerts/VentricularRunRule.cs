namespace AtdMonitor.Streaming.Alerts;

/// <summary>Length of the current run of consecutive V beats (3 or more is a ventricular run).</summary>
public sealed class VentricularRunRule : IBeatAlertRule
{
    public string Type => AlertTypes.VentricularRun;

    public double? Measure(BeatHistory history) =>
        history.Count == 0 ? null : history.Newest(history.Count).TakeWhile(beat => beat.ClassName == "V").Count();

    public string Describe(double value) => $"ventricular run: {value:0} consecutive V beats";
}
