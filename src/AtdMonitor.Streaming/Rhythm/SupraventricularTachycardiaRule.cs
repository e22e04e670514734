using AtdMonitor.Data.Beats;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>
/// Supraventricular tachycardia without the classifier's calls (S is its weakest class, and S beats called V would
/// break the run): the number of consecutive fast beats ending at the newest beat (RR below 60 / MinimumRateBpm), when
/// the run is at least 3 beats long, its RR intervals are regular (unlike AF), its first beats came abruptly faster
/// than the median RR of the steady rhythm before them (unlike a sinus tachycardia that speeds up slowly, or AF's
/// irregular response) and its QRS complexes look like the bed's dominant beat before it (narrow, unlike VT; compared at
/// the best alignment within 30 ms, as the detector's R-peaks wander that much); else 0.
/// Onset, dominant shape, the count of ventricular beats in it (<paramref name="ectopy"/>'s members, at most
/// MaximumVentricularBeats) and a beat shaped like the usual one are judged once, when the run is first accepted; a
/// run that goes on is then followed beat by beat for rate, regularity and shape.
/// A run none of whose beats lies closer to the bed's running dominant-beat template than <paramref name="ectopy"/>'s
/// <see cref="EctopicRunFinder.MinimumQrsDifference"/> is wide throughout, ventricular or aberrant: a monitor calls a
/// wide-complex tachycardia VT, never SVT. The correlation check alone lets short runs of a patient's PVCs through.
/// That distance is believed only while the signal under the run is clean (noise index below
/// <see cref="SignalQualityAlertOptions.Lead1BelievedNoiseIndex"/>, the level to which a QRS detector's evidence is
/// believed): noise moves every beat away from the template, and would hide true SVT.
/// </summary>
public sealed class SupraventricularTachycardiaRule(SupraventricularTachycardiaAlertRuleOptions options, EctopicRunFinder ventricular, EctopicRunFinder ectopy,
    SignalHistory signal, SignalQualityAlertOptions quality) : IBeatAlertRule
{
    private const int MinimumBeats = 3;
    private const int JudgedBeats = 8;
    private const int OnsetBeats = 8;
    private const int MinimumOnsetBeats = 4;
    private const int TemplateBeats = 8;

    /// <summary>Signal judged around a run for its noise: from a little before its first R-peak to a little after its last.</summary>
    private static readonly TimeSpan RunMargin = TimeSpan.FromSeconds(0.2);

    private DateTimeOffset? _acceptedOnset;
    private float[]? _template;

    public string Type => AlertTypes.SupraventricularTachycardia;

    public double? Measure(BeatHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            return null;
        }

        var beats = history.Newest(history.Count).ToList();
        var longestRr = 60.0 / options.MinimumRateBpm;
        var fast = 0;
        while (fast < beats.Count && beats[fast].RrSeconds > 0 && beats[fast].RrSeconds < longestRr)
        {
            fast++;
        }

        // The premature beat that starts the run comes after its own coupling interval, often slower than the run itself:
        // it belongs to the run when it is premature against the rhythm before it.
        var length = fast;
        if (fast >= MinimumBeats - 1 && fast < beats.Count
            && PrecedingRrs(beats, fast + 1) is { Count: >= MinimumOnsetBeats } beforeFirst && beats[fast].RrSeconds > 0 && options.MinimumOnsetRatio * beats[fast].RrSeconds <= Median(beforeFirst))
        {
            length++;
        }

        // Still the accepted run: it reaches back to its onset, or past the oldest beat held (a long SVT outlasts the history).
        var continuing = _acceptedOnset is { } onset && length > 0 && (beats[length - 1].Time <= onset || length == beats.Count);
        if (!continuing)
        {
            _acceptedOnset = null;
            _template = null;
        }

        if (length < MinimumBeats)
        {
            return 0;
        }

        // Regularity and onset on the intervals inside the run (the first beat's coupling interval is outside it).
        var inside = beats.Take(length - 1).Select(beat => (double)beat.RrSeconds).ToList();
        var newest = inside.Take(JudgedBeats).ToList();
        var medianRr = Median(newest);
        if (newest.Any(rr => Math.Abs(rr - medianRr) > options.MaximumIrregularity * medianRr))
        {
            return 0;
        }

        if (!continuing)
        {
            // The run's first beats against the steady rhythm before it: a rhythm that sped up slowly has no step there.
            var first = Median(inside.TakeLast(JudgedBeats));
            var before = PrecedingRrs(beats, length);
            if (before.Count < MinimumOnsetBeats)
            {
                return 0;
            }

            var preceding = Median(before);
            if (preceding < options.MinimumOnsetRatio * first || Median(before.Select(rr => Math.Abs(rr - preceding))) > options.MaximumPrecedingIrregularity * preceding)
            {
                return 0;
            }

            if (beats.Take(Math.Min(length, JudgedBeats)).Count(ectopy.IsMember) > options.MaximumVentricularBeats)
            {
                return 0;
            }

            var judged = beats.Take(Math.Min(length, JudgedBeats)).ToList();
            if (!HasBeatShapedLikeTheUsualOne(judged) && IsClean(judged))
            {
                return 0;
            }

            _template = BeatMorphology.Mean([.. beats.Skip(length).Where(beat => beat.IsJudged && !ventricular.IsMember(beat))
                .Select(beat => BeatMorphology.Qrs(signal, beat)).OfType<float[]>().Take(TemplateBeats)]);
        }

        if (_template is not { } template)
        {
            return 0;
        }

        var shapes = beats.Take(Math.Min(length, JudgedBeats)).Select(beat => BeatMorphology.Qrs(signal, beat)).OfType<float[]>().Select(qrs => BeatMorphology.AlignedCorrelation(qrs, template)).ToList();
        if (shapes.Count == 0 || shapes.Average() < options.MinimumNormalLikeness)
        {
            return 0;
        }

        _acceptedOnset = beats[length - 1].Time;
        return length;
    }

    public string Describe(double value) => value > 0 ? $"svt: {value:0} fast regular beats shaped like the dominant beat" : "svt: ended";

    /// <summary>True when a beat's QRS lies closer than the ectopy threshold to the dominant-beat template, or no beat's distance is known (nothing to judge on).</summary>
    private bool HasBeatShapedLikeTheUsualOne(IEnumerable<ClassifiedBeat> run)
    {
        var differences = run.Select(beat => beat.QrsTemplateDifference).OfType<float>().ToList();
        return ectopy.MinimumQrsDifference <= 0 || differences.Count == 0 || differences.Any(difference => difference < ectopy.MinimumQrsDifference);
    }

    /// <summary>True when lead 0 under <paramref name="run"/> (newest first) is clean enough to believe its QRS shapes, or is no longer held.</summary>
    private bool IsClean(List<ClassifiedBeat> run)
    {
        var from = run[^1].Time - RunMargin;
        var samples = new float[(int)Math.Round((run[0].Time + RunMargin - from).TotalSeconds * SignalHistory.SampleRate)];
        return !signal.TryRead(from, samples) || SignalQualityAssessor.Assess(samples, quality).NoiseIndex < quality.Lead1BelievedNoiseIndex;
    }

    /// <summary>The known RR intervals of up to <see cref="OnsetBeats"/> beats from index <paramref name="from"/> on (newest first).</summary>
    private static List<double> PrecedingRrs(List<ClassifiedBeat> beats, int from) =>
        [.. beats.Skip(from).Take(OnsetBeats).Where(beat => beat.RrSeconds > 0).Select(beat => (double)beat.RrSeconds)];

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
