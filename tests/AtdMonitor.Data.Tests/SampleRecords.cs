using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Wfdb;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Data.Tests;

/// <summary>The MIT-BIH records bundled in samples/, cut to the first minutes to keep tests fast.</summary>
internal static class SampleRecords
{
    public static string Mitdb => Path.Combine(TestData.Samples, "mitdb");

    public static (float[] Lead0, float[] Lead1, IReadOnlyList<WfdbAnnotation> Annotations) Load(string name, double minutes)
    {
        var record = WfdbReader.ReadRecord(Mitdb, name);
        var (lead0, lead1) = BeatDatasetBuilder.LeadsOf(record);
        var length = (int)Math.Min(record.Length, minutes * 60 * record.SampleRate);
        var annotations = WfdbAnnotationReader.Read(Path.Combine(Mitdb, name + ".atr")).Where(a => a.Sample < length).ToList();
        return (record.ToMillivolts(lead0)[..length], record.ToMillivolts(lead1)[..length], annotations);
    }
}
