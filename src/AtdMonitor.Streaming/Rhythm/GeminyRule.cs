
namespace AtdMonitor.Streaming.Rhythm;

/// <summary>
/// Ventricular bigeminy (period 2: N V N V ...) and trigeminy (period 3: N N V N N V ...): the number of consecutive
/// complete cycles (period − 1 judged non-ventricular beats, then one ventricular beat) ending at the newest beat or
/// at the ventricular beat just before the non-ventricular beats that follow it. 0 when the pattern is broken.
/// An unjudged beat breaks the pattern: it cannot be counted as either.
/// </summary>
public sealed class GeminyRule(string type, int period, EctopicRunFinder ventricular) : IBeatAlertRule
{
    public string Type { get; } = type;

    public double? Measure(BeatHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            return null;
        }

        var beats = history.Newest(history.Count).ToList();
        var i = 0;
        while (i < beats.Count && i < period && IsCompanion(beats[i]))
        {
            i++;
        }

        if (i >= period)
        {
            return 0;
        }

        var cycles = 0;
        while (i + period <= beats.Count && ventricular.IsMember(beats[i]) && Enumerable.Range(i + 1, period - 1).All(j => IsCompanion(beats[j])))
        {
            cycles++;
            i += period;
        }

        return cycles;
    }

    public string Describe(double value) => value > 0 ? $"{Type}: {value:0} cycles" : $"{Type}: ended";

    private bool IsCompanion(Beats.ClassifiedBeat beat) => beat.IsJudged && !ventricular.IsMember(beat) && !ventricular.IsUncertain(beat);
}
