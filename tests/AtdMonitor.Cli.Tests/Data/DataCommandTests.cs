using System.CommandLine;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Cli.Tests.Data;

public sealed class DataCommandTests
{
    [Fact]
    public void Score_detector_prints_a_row_per_record_and_the_totals()
    {
        var (exitCode, output) = Invoke("data", "score-detector", "--data", TestData.Samples);

        Assert.Equal(0, exitCode);
        foreach (var record in new[] { "100", "119", "208", "233" })
        {
            Assert.Contains($"│ {record} ", output, StringComparison.Ordinal);
        }

        Assert.Contains("all 4", output, StringComparison.Ordinal);
        Assert.Contains("EC57 (from 5 min)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Stats_counts_beats_per_class_for_both_splits()
    {
        var (exitCode, output) = Invoke("data", "stats", "--data", TestData.Samples);

        Assert.Equal(0, exitCode);
        Assert.Contains("inter-patient", output, StringComparison.Ordinal);
        Assert.Contains("intra-patient", output, StringComparison.Ordinal);
        Assert.Contains("of 4 records", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_writes_an_N_an_S_and_a_V_beat_as_PNG()
    {
        var folder = Directory.CreateTempSubdirectory("atd-images-").FullName;
        try
        {
            var (exitCode, _) = Invoke("data", "images", "--data", TestData.Samples, "--record", "208", "--out", folder, "--scale", "1");

            Assert.Equal(0, exitCode);
            Assert.Equal(["N", "S", "V"], Directory.GetFiles(folder, "*.png").Select(f => Path.GetFileName(f).Split('-')[1]).Order());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (int ExitCode, string Output) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var exitCode = AtdCommandLine.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = output });
        return (exitCode, output.ToString());
    }
}
