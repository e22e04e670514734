using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>
/// Atrial fibrillation and flutter with an irregular response: 1 when the RR intervals of the bed's newest beats are
/// irregular (<see cref="RrIrregularity"/>) and the signal shows no repeating P wave (<see cref="AtrialActivity"/>:
/// neither consecutive P segments on lead 0 nor each segment against the others' mean, on lead 0 or lead 1), else 0;
/// null while too few usable intervals are known. Intervals next to a ventricular or unclassifiable beat are left out:
/// a premature ventricular beat and its pause are not atrial irregularity.
/// </summary>
public sealed class AtrialFibrillationRule(AtrialFibrillationAlertRuleOptions options, EctopicRunFinder ventricular, SignalHistory signal, SignalHistory lead1)
    : IBeatAlertRule
{
    private const int AtrialBeats = 8;

    public string Type => AlertTypes.AtrialFibrillation;

    public double? Measure(BeatHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var (rr, supraventricular) = JudgedIntervals(history);
        if (rr.Count < options.Beats * 3 / 4)
        {
            return null;
        }

        var irregularity = RrIrregularity.Of(rr);
        var irregular = irregularity.NormalisedRmssd >= options.MinimumNormalisedRmssd && irregularity.ShannonEntropy >= options.MinimumEntropy
            && irregularity.TurningPointRatio >= options.MinimumTurningPointRatio && irregularity.TurningPointRatio <= options.MaximumTurningPointRatio;
        if (!irregular)
        {
            return 0;
        }

        if (options.MaximumAtrialConsistency >= 1 && options.MaximumAtrialTemplateConsistency >= 1)
        {
            return 1;
        }

        var atrialBeats = supraventricular.TakeLast(AtrialBeats).ToList();
        var lead0Segments = AtrialActivity.Segments(signal, atrialBeats);
        var organised = AtrialActivity.Consistency(lead0Segments) > options.MaximumAtrialConsistency
            || AtrialActivity.TemplateConsistency(lead0Segments) > options.MaximumAtrialTemplateConsistency
            || AtrialActivity.TemplateConsistency(AtrialActivity.Segments(lead1, atrialBeats)) > options.MaximumAtrialTemplateConsistency;
        return organised ? 0 : 1;
    }

    /// <summary>The middle of the judged intervals: the window turns irregular when about half of it is fibrillation, and
    /// regular again when about half of it is not, so its newest beat dates an episode's onset and end a half-window late.</summary>
    public DateTimeOffset? DescribedTime(BeatHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var (rr, beats) = JudgedIntervals(history);
        return rr.Count < options.Beats * 3 / 4 ? null : beats[beats.Count / 2].Time;
    }

    public string Describe(double value) => value > 0 ? "atrial fibrillation: irregular RR without repeating P waves" : "atrial fibrillation: ended";

    /// <summary>Up to <see cref="AtrialFibrillationAlertRuleOptions.Beats"/> usable intervals, oldest first, each with the
    /// beat that ends it, looking back at most three times as many beats (frequent ectopy).</summary>
    private (List<double> Rr, List<ClassifiedBeat> Beats) JudgedIntervals(BeatHistory history)
    {
        var beats = history.Newest(3 * options.Beats).ToList();
        var rr = new List<double>();
        var ending = new List<ClassifiedBeat>();
        for (var i = 0; i + 1 < beats.Count && rr.Count < options.Beats; i++)
        {
            if (Usable(beats[i]) && Usable(beats[i + 1]) && beats[i].RrSeconds > 0)
            {
                rr.Add(beats[i].RrSeconds);
                ending.Add(beats[i]);
            }
        }

        rr.Reverse();
        ending.Reverse();
        return (rr, ending);
    }

    private bool Usable(ClassifiedBeat beat) => beat.IsJudged && !ventricular.IsMember(beat) && !ventricular.IsUncertain(beat);
}
