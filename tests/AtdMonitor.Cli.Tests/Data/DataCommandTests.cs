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
    public void Noise_index_prints_each_records_percentiles_and_how_much_of_lead_1_noise_takes_out_of_belief()
    {
        var (cleanExit, clean) = Invoke("data", "noise-index", "--data", TestData.Samples, "--records", "100,233");
        var (noisyExit, noisy) = Invoke("data", "noise-index", "--data", TestData.Samples, "--records", "100,233", "--noise", "6");

        Assert.Equal((0, 0), (cleanExit, noisyExit));
        Assert.Contains("│ 100 ", clean, StringComparison.Ordinal);
        Assert.Contains("│ 233 ", clean, StringComparison.Ordinal);
        Assert.True(NotBelievedShareOfAll(noisy) > NotBelievedShareOfAll(clean) + 20, $"clean:\n{clean}\nnoisy:\n{noisy}");
    }

    [Theory]
    [InlineData("data", "noise-index", "--noise", "99")]
    [InlineData("score", "stream", "--noise", "-21")]
    [InlineData("eval", "--checkpoint", "x.ckpt", "--noise", "61")]
    public void An_snr_out_of_range_is_refused_by_every_command_that_adds_noise(params string[] args)
    {
        var (exitCode, _, error) = AtdInvocation.Invoke(args);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--noise takes an SNR in dB from -20 to 60.", error, StringComparison.Ordinal);
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

    /// <summary>The last column of the table's "all" row: the percentage of windows in which lead 1 is not believed.</summary>
    private static double NotBelievedShareOfAll(string output)
    {
        var row = output.Split('\n').Single(line => line.Contains("│ all ", StringComparison.Ordinal));
        var cells = row.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(cell => cell.Length > 0).ToArray();
        return double.Parse(cells[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static (int ExitCode, string Output) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var exitCode = AtdCommandLine.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = output });
        return (exitCode, output.ToString());
    }
}
