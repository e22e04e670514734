using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Wfdb;

namespace AtdMonitor.Simulator.Scoring;

/// <summary>
/// The episodes a monitor should alert on, from a record's reference annotations: ventricular tachycardia (a run of at
/// least the worker's VT length of consecutive V beats at 100 bpm or more, or a "(VT" rhythm stretch holding that many
/// beats), ventricular runs (3 or more consecutive V beats that are not VT: shorter or slower; the two are exclusive, as
/// the worker's alarms are), couplets (exactly 2 consecutive V beats), pauses (an RR interval of reference beats above 2 s), asystole (above 4 s; neither
/// during ventricular flutter or fibrillation, where no beat is annotated),
/// supraventricular tachyarrhythmia (3 or more consecutive S beats, or an "(SVTA" rhythm stretch), SVT (the same above
/// 100 bpm), atrial fibrillation and flutter ("(AFIB", "(AFL") and ventricular flutter or fibrillation ("(VFL", "(VF").
/// Episodes of one kind closer than the merge gap are one episode: the worker holds an alert off for a while after
/// clearing it.
/// </summary>
public static class ReferenceEpisodes
{
    public const string VentricularRun = "ventricular_run";
    public const string Pause = "pause";
    public const string Svta = "svta";
    public const string VentricularTachycardia = "ventricular_tachycardia";
    public const string Couplet = "couplet";
    public const string Svt = "svt";
    public const string AtrialFibrillation = "atrial_fibrillation";
    public const string VentricularFibrillation = "ventricular_fibrillation";
    public const string Asystole = "asystole";

    public const double TachycardiaBpm = 100;

    /// <summary>Consecutive V beats that make VT when no other length is given (the worker's default VentricularTachycardia:Raise).</summary>
    public const int VentricularTachycardiaBeats = 6;

    /// <summary>The reference kind of a rate or ectopy alert: the worker's own rule run over the reference beats.</summary>
    public static string SameRule(string alertType) => "rule on reference beats: " + alertType;

    public const double AsystoleSeconds = 4.0;

    /// <summary>The rhythm-change annotation code ('+'); its aux text names the rhythm that starts, e.g. "(VT".</summary>
    public const int RhythmCode = 28;

    public const int MinimumRun = 3;

    public const double PauseSeconds = 2.0;

    /// <summary>Episodes per kind, in record samples, restricted to <c>[from, to)</c>; <paramref name="tachycardiaBeats"/> V beats at 100 bpm or more make VT.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Episode>> Extract(IReadOnlyList<WfdbAnnotation> annotations, double sampleRate, long from, long to, TimeSpan mergeGap,
        int tachycardiaBeats = VentricularTachycardiaBeats)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        var beats = annotations.Where(a => a.IsBeat).ToList();
        var gap = (long)(mergeGap.TotalSeconds * sampleRate);
        // No beats are annotated during ventricular flutter or fibrillation: those stretches are not pauses or asystole.
        var fibrillation = RhythmStretches(annotations, "(VFL").Concat(RhythmStretches(annotations, "(VF")).ToList();
        var tachycardia = Runs(beats, AamiClass.V, sampleRate, TachycardiaBpm, minimumLength: tachycardiaBeats)
            .Concat(RhythmStretches(annotations, "(VT").Where(stretch => beats.Count(b => b.Sample >= stretch.Start && b.Sample <= stretch.End) >= tachycardiaBeats)).ToList();
        var runs = Runs(beats, AamiClass.V).Where(run => !tachycardia.Any(t => t.Overlaps(run, 0, 0)));
        var result = new Dictionary<string, IReadOnlyList<Episode>>(StringComparer.Ordinal)
        {
            [VentricularRun] = Merge(runs, from, to, gap),
            [Pause] = Merge(Pauses(beats, (long)(PauseSeconds * sampleRate)).Where(p => !fibrillation.Any(f => f.Overlaps(p, 0, 0))), from, to, gap),
            [Svta] = Merge(Runs(beats, AamiClass.S).Concat(RhythmStretches(annotations, "(SVTA")), from, to, gap),
            [VentricularTachycardia] = Merge(tachycardia, from, to, gap),
            [Couplet] = Merge(Runs(beats, AamiClass.V, exactLength: 2), from, to, gap),
            [Svt] = Merge(Runs(beats, AamiClass.S, sampleRate, TachycardiaBpm).Concat(RhythmStretches(annotations, "(SVTA")), from, to, gap),
            [AtrialFibrillation] = Merge(RhythmStretches(annotations, "(AFIB").Concat(RhythmStretches(annotations, "(AFL")), from, to, gap),
            [VentricularFibrillation] = Merge(fibrillation, from, to, gap),
            [Asystole] = Merge(Pauses(beats, (long)(AsystoleSeconds * sampleRate)).Where(p => !fibrillation.Any(f => f.Overlaps(p, 0, 0))), from, to, gap),
        };
        return result;
    }

    /// <summary>Runs of consecutive <paramref name="kind"/> beats: at least <paramref name="minimumLength"/> long (at a rate of at least <paramref name="minimumBpm"/>), or exactly <paramref name="exactLength"/> long.</summary>
    private static IEnumerable<Episode> Runs(List<WfdbAnnotation> beats, AamiClass kind, double sampleRate = 0, double minimumBpm = 0, int exactLength = 0, int minimumLength = MinimumRun)
    {
        var start = -1;
        for (var i = 0; i <= beats.Count; i++)
        {
            var matches = i < beats.Count && AamiMapping.FromSymbol(beats[i].Symbol) == kind;
            if (matches && start < 0)
            {
                start = i;
            }
            else if (!matches && start >= 0)
            {
                var length = i - start;
                var rateBpm = length < 2 || sampleRate <= 0 ? 0 : 60.0 * (length - 1) * sampleRate / (beats[i - 1].Sample - beats[start].Sample);
                if (exactLength > 0 ? length == exactLength : length >= minimumLength && rateBpm >= minimumBpm)
                {
                    yield return new Episode(beats[start].Sample, beats[i - 1].Sample);
                }

                start = -1;
            }
        }
    }

    private static IEnumerable<Episode> Pauses(List<WfdbAnnotation> beats, long longest)
    {
        for (var i = 1; i < beats.Count; i++)
        {
            if (beats[i].Sample - beats[i - 1].Sample > longest)
            {
                yield return new Episode(beats[i - 1].Sample, beats[i].Sample);
            }
        }
    }

    private static IEnumerable<Episode> RhythmStretches(IReadOnlyList<WfdbAnnotation> annotations, string rhythm)
    {
        long? open = null;
        foreach (var a in annotations.Where(a => a.Code == RhythmCode && a.Aux is not null))
        {
            var aux = a.Aux!.TrimEnd('\0', ' ');
            if (open is { } start)
            {
                yield return new Episode(start, a.Sample);
                open = null;
            }

            if (aux == rhythm)
            {
                open = a.Sample;
            }
        }

        if (open is { } last)
        {
            yield return new Episode(last, annotations[^1].Sample);
        }
    }

    private static List<Episode> Merge(IEnumerable<Episode> episodes, long from, long to, long gap)
    {
        var merged = new List<Episode>();
        foreach (var e in episodes.Where(e => e.End >= from && e.Start < to).OrderBy(e => e.Start))
        {
            if (merged.Count > 0 && e.Start - merged[^1].End <= gap)
            {
                merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, e.End) };
            }
            else
            {
                merged.Add(e);
            }
        }

        return merged;
    }
}
