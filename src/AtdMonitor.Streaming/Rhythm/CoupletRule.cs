using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>
/// Ventricular couplets, counted apart from runs: 2 when the two beats before the newest are an accepted ventricular
/// run of exactly two beats (no tolerated beat) and the newest beat is judged and not ventricular; else 0. It decides
/// one beat after the couplet, once the couplet is known not to grow into a run.
/// </summary>
public sealed class CoupletRule(EctopicRunRule ventricularRun, EctopicRunFinder finder) : IBeatAlertRule
{
    public string Type => AlertTypes.Couplet;

    public double? Measure(BeatHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Latest is not { } newest)
        {
            return null;
        }

        if (!newest.IsJudged || finder.IsMember(newest) || finder.IsUncertain(newest))
        {
            return 0;
        }

        var run = finder.Find(history, skip: 1);
        return run is { Length: 2, Tolerated: 0 } && history.Count > 3 && ventricularRun.Accepts(run, history) ? 2 : 0;
    }

    public string Describe(double value) => value > 0 ? "couplet: 2 consecutive V beats" : "couplet: ended";
}
