using AtdMonitor.Cli.Tests.Process;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Cli.Tests;

/// <summary>Every command, given bad input, says what is wrong in one line on stderr and exits with code 2: no stack trace.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("atd-bad-input-").FullName;

    public static TheoryData<string> BadCommandLines => new()
    {
        "run --Pipeline:QueueCapacity=abc",
        "run --Pipeline:QueueCapcity=64",
        "run --Alerts:Pause:Rasie=3",
        "run --Inference:BeatCheckpoint=/nonexistent/beats.ckpt",
        "demo --data /nonexistent",
        "demo --checkpoint /nonexistent/beats.ckpt",
        "demo --duration abc",
        "train --data /nonexistent --epochs 1",
        "train --task nope",
        "train --task forecast --rhythm-split-head",
        "eval --checkpoint /nonexistent/beats.ckpt",
        "eval --checkpoint {dir}/not-a-checkpoint.ckpt",
        "bench model --variant nope",
        "bench pipeline --beds 1 --data /nonexistent",
        "data fetch nope {dir}/fetched",
        "data stats --data /nonexistent",
        "data images --record 999 --out {dir}/images",
        "data score-detector --data {dir}/mismatching",
        "data noise-index --noise 99",
        "data noise-index --records 999",
        "score stream --data /nonexistent",
        "score stream --records 999",
        "score stream --noise 61",
        "eval --checkpoint {dir}/not-a-checkpoint.ckpt --noise -21",
        "nonsense",
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task A_command_given_bad_input_writes_one_line_to_stderr_and_exits_with_code_2(string commandLine)
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "not-a-checkpoint.ckpt"), "not a zip archive");
        WriteMismatchingRecord(Path.Combine(_directory, "mismatching", "mitdb"));
        var arguments = commandLine.Replace("{dir}", _directory, StringComparison.Ordinal).Split(' ');

        var (exitCode, _, error) = await AtdProcess.RunAsync(arguments, _directory, TimeSpan.FromSeconds(90));

        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got {lines.Length}: {error}");
        Assert.StartsWith("atd", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, exitCode);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Record 100's header and annotations with a signal file cut short: the header promises samples the file lacks.</summary>
    private static void WriteMismatchingRecord(string mitdb)
    {
        Directory.CreateDirectory(mitdb);
        var samples = Path.Combine(TestData.Samples, "mitdb");
        File.Copy(Path.Combine(samples, "100.hea"), Path.Combine(mitdb, "100.hea"), overwrite: true);
        File.Copy(Path.Combine(samples, "100.atr"), Path.Combine(mitdb, "100.atr"), overwrite: true);
        var signal = File.ReadAllBytes(Path.Combine(samples, "100.dat"));
        File.WriteAllBytes(Path.Combine(mitdb, "100.dat"), signal[..(signal.Length / 3)]);
    }
}
