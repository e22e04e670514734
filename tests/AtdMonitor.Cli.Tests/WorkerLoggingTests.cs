using System.Text.Json;
using AtdMonitor.Cli.Tests.Process;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Cli.Tests;

/// <summary><c>atd run</c> as its own process: the log format chosen by configuration, no secret in any line, a quiet clean stop.</summary>
public sealed class WorkerLoggingTests : IDisposable
{
    private const string Password = "pa55-w0rd-in-url";
    private const string Token = "influx-token-0123456789";

    private readonly string _directory = Directory.CreateTempSubdirectory("atd-logging-").FullName;

    [Fact]
    public async Task With_the_json_formatter_every_line_is_json_no_line_holds_a_secret_and_a_clean_stop_warns_of_nothing()
    {
        using var atd = AtdProcess.Start(
            [
                "run",
                "--Logging:Console:FormatterName=json",
                $"--Influx:Url=http://operator:{Password}@127.0.0.1:9",
                $"--Influx:Token={Token}",
                "--Mqtt:Port=0",
                "--Metrics:Port=0",
                $"--Inference:BeatCheckpoint={Checkpoint}",
            ],
            _directory);
        await atd.WaitForOutputAsync("MQTT connected", TimeSpan.FromSeconds(60));

        atd.Terminate();
        var exitCode = await atd.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        var lines = atd.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, line => line.Contains("http://operator:***@127.0.0.1:9", StringComparison.Ordinal));
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            Assert.DoesNotContain(Password, line, StringComparison.Ordinal);
            Assert.DoesNotContain(Token, line, StringComparison.Ordinal);
            Assert.Equal("Information", entry.RootElement.GetProperty("LogLevel").GetString());
        }

        Assert.Equal(string.Empty, atd.Error);
    }

    [Fact]
    public async Task The_environment_named_by_DOTNET_ENVIRONMENT_adds_its_appsettings_file()
    {
        var arguments = new[] { "run", "--Mqtt:Port=0", "--Metrics:Port=0", $"--Inference:BeatCheckpoint={Checkpoint}" };
        using var atd = AtdProcess.Start(arguments, _directory, new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Development" });
        await atd.WaitForOutputAsync("MQTT connected", TimeSpan.FromSeconds(60));
        atd.Terminate();
        await atd.WaitForExitAsync(TimeSpan.FromSeconds(30));

        // appsettings.Development.json lowers the level to Debug, so the host's own debug lines appear.
        Assert.Contains("dbug:", atd.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Checkpoint => Path.Combine(TestData.Models, "arrhythmia-atd.ckpt");
}
