using System.Buffers;
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
/// That distance is believed only while the signal under the run is held and clean (noise index below
/// <see cref="SignalQualityAlertOptions.Lead1BelievedNoiseIndex"/>, the level to which a QRS detector's evidence is
/// believed): noise moves every beat away from the template, and would hide true SVT. Otherwise the run is judged
/// without it, as when no beat's distance is known.
/// </summary>
public sealed class SupraventricularTachycardiaRule(SupraventricularTachycardiaAlertRuleOptions options, EctopicRunFinder ventricular, EctopicRunFinder ectopy,
    SignalHistory signal, SignalQualityAlertOptions quality) : IBeatAlertRule
{
    private const int MinimumBeats = 3;
    private const int JudgedBeats = 8;
    private const int OnsetBeats = 8;
    private const int MinimumOnsetBeats = 4;
    private const int TemplateBeats = 8;

    /// <summary>Signal judged around a run for its noise: from 0.2 s before its first R-peak to 0.2 s after its last.</summary>
    private const int RunMarginSamples = SignalHistory.SampleRate / 5;

    /// <summary>The longest stretch a judged run can span (its beats all faster than 30 bpm), with the margins.</summary>
    private const int MaxRunSamples = (JudgedBeats * 2 * SignalHistory.SampleRate) + (2 * RunMarginSamples);

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

            if (IsWideThroughout(beats, Math.Min(length, JudgedBeats)))
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

    /// <summary>
    /// True when none of the newest <paramref name="count"/> beats lies closer than the ectopy threshold to the
    /// dominant-beat template, at least one distance is known, and lead 0 under them is clean enough to believe it.
    /// </summary>
    private bool IsWideThroughout(List<ClassifiedBeat> beats, int count)
    {
        if (ectopy.MinimumQrsDifference <= 0)
        {
            return false;
        }

        var known = false;
        for (var i = 0; i < count; i++)
        {
            if (beats[i].QrsTemplateDifference is { } difference)
            {
                if (difference < ectopy.MinimumQrsDifference)
                {
                    return false;
                }

                known = true;
            }
        }

        return known && IsClean(beats[count - 1], beats[0]);
    }

    /// <summary>True when lead 0 from a little before <paramref name="oldest"/> to a little after <paramref name="newest"/> is held and clean enough to believe its QRS shapes.</summary>
    private bool IsClean(ClassifiedBeat oldest, ClassifiedBeat newest)
    {
        // Sized from the samples, not the beat times: a device clock that jumps must not size the buffer.
        var length = newest.RPeakSample - oldest.RPeakSample + (2 * RunMarginSamples);
        if (length <= 2 * RunMarginSamples || length > MaxRunSamples)
        {
            return false;
        }

        var samples = ArrayPool<float>.Shared.Rent((int)length);
        try
        {
            var span = samples.AsSpan(0, (int)length);
            return signal.TryRead(oldest.Time - SignalHistory.Seconds(RunMarginSamples), span)
                && SignalQualityAssessor.Assess(span, quality).NoiseIndex < quality.Lead1BelievedNoiseIndex;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(samples);
        }
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
