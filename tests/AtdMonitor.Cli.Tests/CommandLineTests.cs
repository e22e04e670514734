using System.CommandLine;

namespace AtdMonitor.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Help_lists_every_planned_command()
    {
        var output = new StringWriter();
        var exitCode = AtdCommandLine.Create().Parse("--help").Invoke(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exitCode);
        foreach (var name in new[] { "run", "demo", "train", "eval", "bench" })
        {
            Assert.Contains(name, output.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("run")]
    [InlineData("demo")]
    [InlineData("train")]
    [InlineData("eval")]
    [InlineData("bench")]
    public void Help_works_for_each_command(string command)
    {
        var output = new StringWriter();
        var exitCode = AtdCommandLine.Create().Parse([command, "--help"]).Invoke(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exitCode);
        Assert.Contains(command, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_help_lists_the_most_used_settings_with_their_defaults()
    {
        var output = new StringWriter();
        AtdCommandLine.Create().Parse(["run", "--help"]).Invoke(new InvocationConfiguration { Output = output });

        foreach (var setting in new[] { "--Mqtt:Host=HOST", "--Influx:Url=URL", "--Inference:BeatCheckpoint=PATH", "--Metrics:Port=PORT", "--Sharding:ShardCount=N" })
        {
            Assert.Contains(setting, output.ToString(), StringComparison.Ordinal);
        }

        Assert.Contains("[default: models/arrhythmia-atd.ckpt]", output.ToString(), StringComparison.Ordinal);
    }
}
