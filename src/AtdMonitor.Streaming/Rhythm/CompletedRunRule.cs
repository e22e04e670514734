using AtdMonitor.Streaming.Beats;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>
/// Couplets and ventricular runs, kept apart from ventricular tachycardia so that one episode raises one alarm: the
/// length of the run that ended just before the newest beat (the newest beat is judged and not of the run's class),
/// when it is <paramref name="minimumBeats"/> to <paramref name="maximumBeats"/> long, <paramref name="run"/> accepts it
/// and <paramref name="escalation"/> (VT) would not have raised it; else 0. It decides one beat after the run, once the
/// run is known not to grow into the escalation. A run that reaches the escalation's length while too slow for it
/// (an idioventricular rhythm) is a run at once, without waiting for its end; if it then speeds up, VT follows: the one
/// case where one episode raises both.
/// </summary>
public sealed class CompletedRunRule(string type, int minimumBeats, int maximumBeats, EctopicRunRule run, EctopicRunFinder finder, EctopicRunRule? escalation = null)
    : IBeatAlertRule
{
    public string Type { get; } = type;

    public double? Measure(BeatHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Latest is not { } newest)
        {
            return null;
        }

        if (escalation is not null && finder.IsMember(newest))
        {
            // A slow run already as long as VT needs: a run now, whether or not it goes on.
            var ongoing = finder.Find(history);
            return ongoing.Length >= escalation.RaiseBeats && ongoing.Length <= maximumBeats && Counts(ongoing, history) ? ongoing.Length : 0;
        }

        if (!newest.IsJudged || finder.IsMember(newest) || finder.IsUncertain(newest))
        {
            return 0;
        }

        var ended = finder.Find(history, skip: 1);
        return ended.Length >= minimumBeats && ended.Length <= maximumBeats && history.Count > ended.Length + 1 && Counts(ended, history) ? ended.Length : 0;
    }

    public string Describe(double value) => value > 0 ? $"{Type.Replace('_', ' ')}: {value:0} consecutive {finder.ClassName} beats" : $"{Type.Replace('_', ' ')}: ended";

    private bool Counts(EctopicRun candidate, BeatHistory history) => run.Accepts(candidate, history) && escalation?.Raises(candidate, history) != true;
}
