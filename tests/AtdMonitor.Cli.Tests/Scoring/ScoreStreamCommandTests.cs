using System.Globalization;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Cli.Tests.Scoring;

public sealed class ScoreStreamCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("atd-cli-score-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_replay_writes_the_report_and_every_beat_the_worker_wrote_with_its_matched_reference_beat()
    {
        var report = Path.Combine(_directory, "score.md");
        var beats = Path.Combine(_directory, "beats.csv");

        var (exitCode, output, error) = AtdInvocation.Invoke("score", "stream", "--records", "233", "--duration", "40", "--speed", "20", "--data", TestData.Samples,
            "--report", report, "--beats", beats);

        Assert.True(exitCode == 0, error);
        Assert.Contains("## Alerts", File.ReadAllText(report), StringComparison.Ordinal);
        var lines = File.ReadAllLines(beats);
        Assert.Equal("record,r_peak_sample,seconds,reference,class,p_N,p_S,p_V,p_F,unclassifiable,rr_s,qrs_difference", lines[0]);
        var rows = lines.Skip(1).Select(line => line.Split(',')).ToList();
        // The report's per-record row: | 233 | reference beats | detected | ... ; the CSV holds exactly the detected beats.
        var recordRow = output.Split('\n').First(line => line.StartsWith("| 233 |", StringComparison.Ordinal)).Split('|', StringSplitOptions.TrimEntries);
        Assert.Equal(int.Parse(recordRow[3], NumberStyles.AllowThousands, CultureInfo.InvariantCulture), rows.Count);
        Assert.All(rows, row => Assert.Equal("233", row[0]));
        Assert.True(rows.Count(row => row[3].Length > 0) >= rows.Count - 2, "nearly every detected beat of 233 matches a reference beat");
        Assert.Contains(rows, row => row[3] == "V" && row[4] == "V");
        foreach (var row in rows.Where(row => row[9].Length == 0))
        {
            // A judged beat carries the model's most probable class.
            var probabilities = row[5..9].Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(new[] { "N", "S", "V", "F" }[Array.IndexOf(probabilities, probabilities.Max())], row[4]);
        }
    }
}
