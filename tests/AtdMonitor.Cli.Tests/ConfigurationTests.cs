using Microsoft.Extensions.DependencyInjection;
using AtdMonitor.Cli.Hosting;
using AtdMonitor.Streaming.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Cli.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public void The_shipped_appsettings_pass_validation()
    {
        using var host = AtdHost.CreateBuilder([]).Build();

        var inference = host.Services.GetRequiredService<IOptions<InferenceOptions>>().Value;

        Assert.Equal("cpu", inference.Device);
    }

    [Fact]
    public async Task A_bad_value_stops_the_start_with_a_message_naming_the_key_and_what_is_allowed()
    {
        var builder = AtdHost.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Inference:Device"] = "gpu" });
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Inference:Device must be 'cpu', 'cuda' or 'cuda:N'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_central_station_beyond_loopback_without_a_token_stops_the_start_naming_the_key()
    {
        var builder = AtdHost.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Station:Enabled"] = "true", ["Station:Urls"] = "http://0.0.0.0:8080" });
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Station:Token must be set when Station:Urls listens beyond loopback.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_variables_with_the_ATD_prefix_override_appsettings()
    {
        Environment.SetEnvironmentVariable("ATD__Mqtt__Port", "18830");
        try
        {
            using var host = AtdHost.CreateBuilder([]).Build();
            Assert.Equal(18830, host.Services.GetRequiredService<IOptions<MqttOptions>>().Value.Port);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ATD__Mqtt__Port", null);
        }
    }
}
