using System.Globalization;
using System.Text.RegularExpressions;
using AtdMonitor.Data.Wfdb;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Data.Tests.Wfdb;

public sealed partial class MitdbVerificationTests
{
    [SkippableFact]
    public void All_48_records_match_their_headers_and_the_published_annotation_and_beat_counts()
    {
        var mitdb = TestData.RequireMitdb();
        var readme = Path.Combine(mitdb, "..", "README.md");
        Skip.IfNot(File.Exists(readme), $"{readme} (the per-record table) not found.");
        var table = File.ReadLines(readme).Select(l => RecordRow().Match(l)).Where(m => m.Success).ToList();
        Assert.Equal(48, table.Count);

        var totalBeats = 0;
        Parallel.ForEach(table, row =>
        {
            var name = row.Groups["name"].Value;
            var record = WfdbReader.ReadRecord(mitdb, name);
            Assert.Equal(650_000, record.Length);
            Assert.Equal(row.Groups["leads"].Value, string.Join(',', record.Signals.Select(s => s.Description)));
            for (var s = 0; s < 2; s++)
            {
                Assert.Equal(Int(row, $"init{s}"), record.Samples[s][0]);
                short sum = 0;
                foreach (var v in record.Samples[s])
                {
                    sum = unchecked((short)(sum + v));
                }

                Assert.Equal(Int(row, $"sum{s}"), sum);
            }

            var annotations = WfdbAnnotationReader.Read(Path.Combine(mitdb, name + ".atr"));
            Assert.Equal(Int(row, "annotations"), annotations.Count);
            var beats = annotations.Count(a => a.IsBeat);
            Assert.Equal(Int(row, "beats"), beats);
            Assert.All(annotations, a => Assert.InRange(a.Sample, 0, record.Length - 1));
            Interlocked.Add(ref totalBeats, beats);
        });

        Assert.Equal(109_494, totalBeats);
    }

    [SkippableFact]
    public void Record_100_reads_as_published_with_aux_rhythm_notes_and_mV_scaling()
    {
        var mitdb = TestData.RequireMitdb();
        var record = WfdbReader.ReadRecord(mitdb, "100");
        Assert.Equal(360, record.SampleRate);
        Assert.Equal(0, record.IndexOfLead("MLII"));
        Assert.Equal(1, record.IndexOfLead("v5"));
        Assert.Equal(-1, record.IndexOfLead("V1"));
        Assert.Equal((995 - 1024) / 200f, record.ToMillivolts(0)[0], 6);

        var annotations = WfdbAnnotationReader.Read(Path.Combine(mitdb, "100.atr"));
        Assert.Equal("+", annotations[0].Symbol);
        Assert.Equal("(N", annotations[0].Aux);
        Assert.Equal(2239, annotations.Count(a => a.Symbol == "N"));
        Assert.Equal(33, annotations.Count(a => a.Symbol == "A"));
        Assert.Equal(1, annotations.Count(a => a.Symbol == "V"));
        Assert.True(annotations.Zip(annotations.Skip(1)).All(p => p.First.Sample <= p.Second.Sample));
    }

    [SkippableFact]
    public void Record_114_has_its_leads_swapped()
    {
        var record = WfdbReader.ReadRecord(TestData.RequireMitdb(), "114");
        Assert.Equal(1, record.IndexOfLead("MLII"));
    }

    private static int Int(Match row, string group) => int.Parse(row.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\| (?<name>\d{3}) \| (?<leads>[A-Z0-9,]+) \| (?<annotations>\d+) \| (?<beats>\d+) \| (?<init0>-?\d+)/(?<sum0>-?\d+) (?<init1>-?\d+)/(?<sum1>-?\d+) \|$")]
    private static partial Regex RecordRow();
}
