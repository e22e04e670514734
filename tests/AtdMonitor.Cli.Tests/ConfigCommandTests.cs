using AtdMonitor.Cli.Commands;

namespace AtdMonitor.Cli.Tests;

public sealed class ConfigCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("atd-config-check-").FullName;

    [Fact]
    public void The_shipped_appsettings_write_out_every_setting_of_every_section()
    {
        Assert.Empty(ConfigCommand.Check([Path.Combine(AppContext.BaseDirectory, "appsettings.json")], complete: true));
    }

    [Fact]
    public void An_unknown_key_a_wrong_type_and_an_invalid_value_are_each_reported_naming_the_key()
    {
        var file = Write("""{ "Pipeline": { "QueueCapcity": 64 }, "Mqtt": { "Port": "abc" }, "Sharding": { "ShardIndex": 3, "ShardCount": 2 } }""");

        var problems = ConfigCommand.Check([file], complete: false);

        Assert.Contains(problems, p => p.StartsWith("Pipeline:QueueCapcity is not a setting", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'Mqtt:Port'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Sharding:ShardIndex", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_lacking_a_setting_is_incomplete()
    {
        var file = Write("""{ "Pipeline": { "QueueCapacity": 64 } }""");

        var problems = ConfigCommand.Check([file], complete: true);

        Assert.Contains("Pipeline:BatchSize is missing (every setting must be written out).", problems);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
