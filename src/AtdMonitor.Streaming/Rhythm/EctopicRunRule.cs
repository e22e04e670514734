using AtdMonitor.Data.Beats;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>
/// Ventricular tachycardia: the length of the run of <see cref="EctopicRunFinder.ClassName"/> beats ending at the newest
/// beat, decided on the run as a whole: its rate, its mean class probability and (when asked) its QRS shape against the
/// bed's recent normal beats. 0 when the newest beat ends no such run. Shorter runs and couplets are
/// <see cref="CompletedRunRule"/>s, which ask this rule whether it raises a run (<see cref="Raises"/>).
/// </summary>
public sealed class EctopicRunRule(string type, EctopicRunFinder finder, EctopicRunAlertRuleOptions options, SignalHistory signal) : IBeatAlertRule
{
    private const int NormalTemplateBeats = 8;

    public string Type { get; } = type;

    public double? Measure(BeatHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            return null;
        }

        var run = finder.Find(history);
        return Accepts(run, history) ? run.Length : 0;
    }

    /// <summary>Beats from which the alarm raises (its Raise threshold on the run's length).</summary>
    public int RaiseBeats => (int)Math.Ceiling(options.Raise);

    /// <summary>True when this rule raises its alarm for <paramref name="run"/>: accepted and at least <see cref="RaiseBeats"/> long.</summary>
    public bool Raises(EctopicRun run, BeatHistory history) => run.Length >= RaiseBeats && Accepts(run, history);

    public string Describe(double value) => value > 0
        ? $"{Type.Replace('_', ' ')}: {value:0} consecutive {finder.ClassName} beats"
        : $"{Type.Replace('_', ' ')}: ended";

    /// <summary>True when the run is long enough to judge, fast enough, probable enough and (when asked) shaped unlike normal beats.</summary>
    public bool Accepts(EctopicRun run, BeatHistory history)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(history);
        if (run.Length < 2 || run.MeanProbability < options.MinimumMeanProbability || (options.MinimumRateBpm > 0 && run.RateBpm < options.MinimumRateBpm))
        {
            return false;
        }

        if (options.MinimumRunConsistency > -1 && Consistency(run) is { } consistency && consistency < options.MinimumRunConsistency)
        {
            return false;
        }

        return options.MaximumNormalLikeness >= 1 || NormalLikeness(run, history) is not { } likeness || likeness <= options.MaximumNormalLikeness;
    }

    /// <summary>Mean correlation of the QRS complexes of consecutive member beats of the run; null without signal or with fewer than 2 such beats.</summary>
    public double? Consistency(EctopicRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var shapes = run.Beats.Where(finder.IsMember).Select(beat => BeatMorphology.Qrs(signal, beat)).OfType<float[]>().ToList();
        if (shapes.Count < 2)
        {
            return null;
        }

        return Enumerable.Range(1, shapes.Count - 1).Average(i => Pearson.Correlation(shapes[i - 1], shapes[i]));
    }

    /// <summary>Mean correlation of the run's QRS complexes with the mean QRS of the bed's newest normal beats before it; null without signal or normal beats.</summary>
    public double? NormalLikeness(EctopicRun run, BeatHistory history)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(history);
        var normals = history.Newest(history.Count)
            .Skip(run.Length)
            .Where(beat => beat is { IsJudged: true, ClassName: "N" })
            .Select(beat => BeatMorphology.Qrs(signal, beat))
            .OfType<float[]>()
            .Take(NormalTemplateBeats)
            .ToList();
        var template = BeatMorphology.Mean(normals);
        if (template is null)
        {
            return null;
        }

        var likeness = run.Beats.Where(finder.IsMember).Select(beat => BeatMorphology.Qrs(signal, beat)).OfType<float[]>()
            .Select(qrs => Pearson.Correlation(qrs, template)).ToList();
        return likeness.Count == 0 ? null : likeness.Average();
    }
}
