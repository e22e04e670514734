using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Wfdb;

namespace AtdMonitor.Simulator.Scoring;

/// <summary>
/// The episodes a monitor should alert on, from a record's reference annotations: ventricular runs (3 or more
/// consecutive V beats, or a "(VT" rhythm stretch), pauses (an RR interval of reference beats above 2 s) and
/// supraventricular tachyarrhythmia (3 or more consecutive S beats, or an "(SVTA" rhythm stretch). Episodes of one kind
/// closer than the merge gap are one episode: the worker holds an alert off for a while after clearing it.
/// </summary>
public static class ReferenceEpisodes
{
    public const string VentricularRun = "ventricular_run";
    public const string Pause = "pause";
    public const string Svta = "svta";

    /// <summary>The rhythm-change annotation code ('+'); its aux text names the rhythm that starts, e.g. "(VT".</summary>
    public const int RhythmCode = 28;

    public const int MinimumRun = 3;

    public const double PauseSeconds = 2.0;

    /// <summary>Episodes per kind, in record samples, restricted to <c>[from, to)</c>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Episode>> Extract(IReadOnlyList<WfdbAnnotation> annotations, double sampleRate, long from, long to, TimeSpan mergeGap)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        var beats = annotations.Where(a => a.IsBeat).ToList();
        var gap = (long)(mergeGap.TotalSeconds * sampleRate);
        var result = new Dictionary<string, IReadOnlyList<Episode>>(StringComparer.Ordinal)
        {
            [VentricularRun] = Merge(Runs(beats, AamiClass.V).Concat(RhythmStretches(annotations, "(VT")), from, to, gap),
            [Pause] = Merge(Pauses(beats, (long)(PauseSeconds * sampleRate)), from, to, gap),
            [Svta] = Merge(Runs(beats, AamiClass.S).Concat(RhythmStretches(annotations, "(SVTA")), from, to, gap),
        };
        return result;
    }

    private static IEnumerable<Episode> Runs(List<WfdbAnnotation> beats, AamiClass kind)
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
                if (i - start >= MinimumRun)
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
