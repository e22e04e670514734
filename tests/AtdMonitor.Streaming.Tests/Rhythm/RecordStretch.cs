using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Wfdb;
using AtdMonitor.Streaming.Beats;

namespace AtdMonitor.Streaming.Tests.Rhythm;

/// <summary>A stretch of a MIT-BIH record: lead 0 (MLII), lead 1 (the other lead) and the reference beats as AAMI classes, sample indices from the stretch's start.</summary>
internal sealed class RecordStretch
{
    public const int RhythmCode = 28;

    private RecordStretch(float[] lead0, float[] lead1, List<(long Sample, string Class)> beats)
    {
        Lead0 = lead0;
        Lead1 = lead1;
        Beats = beats;
    }

    public float[] Lead0 { get; }

    public float[] Lead1 { get; }

    public List<(long Sample, string Class)> Beats { get; }

    /// <summary>Annotations of a record.</summary>
    public static IReadOnlyList<WfdbAnnotation> Annotations(string directory, string record) => WfdbAnnotationReader.Read(Path.Combine(directory, record + ".atr"));

    /// <summary>The sample of the first rhythm annotation <paramref name="rhythm"/> (e.g. "(AFIB"), or null.</summary>
    public static long? FirstRhythm(IReadOnlyList<WfdbAnnotation> annotations, string rhythm) =>
        annotations.FirstOrDefault(a => a.Code == RhythmCode && a.Aux?.TrimEnd('\0', ' ') == rhythm) is { Aux: not null } found ? found.Sample : null;

    /// <summary>Reads <paramref name="seconds"/> s of the record from <paramref name="fromSample"/> on (clipped to the record).</summary>
    public static RecordStretch Read(string directory, string record, long fromSample, int seconds)
    {
        var wfdb = WfdbReader.ReadRecord(directory, record);
        var mlii = wfdb.IndexOfLead("MLII");
        var lead0 = mlii < 0 ? 0 : mlii;
        var all = wfdb.ToMillivolts(lead0);
        var other = wfdb.ToMillivolts(lead0 == 0 ? 1 : 0);
        var from = (int)Math.Clamp(fromSample, 0, all.Length);
        var length = Math.Min(seconds * RhythmReplay.Rate, all.Length - from);
        var beats = Annotations(directory, record)
            .Where(a => a.IsBeat && a.Sample >= from && a.Sample < from + length)
            .Select(a => (a.Sample - from, AamiMapping.FromSymbol(a.Symbol) is { } c ? AamiMapping.ClassNames[(int)c] : ClassifiedBeat.UnclassifiableClass))
            .ToList();
        return new RecordStretch(all.AsSpan(from, length).ToArray(), other.AsSpan(from, length).ToArray(), beats);
    }
}
