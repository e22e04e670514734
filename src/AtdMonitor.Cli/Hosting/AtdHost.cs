using AtdMonitor.Station.Configuration;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Hosting;
using AtdMonitor.Streaming.Observability;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace AtdMonitor.Cli.Hosting;

/// <summary>
/// Composes the worker host: appsettings.json beside the binary, then appsettings.{Environment}.json when present (the
/// environment from <c>DOTNET_ENVIRONMENT</c>, Production by default), then ATD__-prefixed environment variables, then
/// command-line overrides (<c>--Section:Key=value</c>); registers the options (validated at start) and the worker's services.
/// The console log format is <c>Logging:Console:FormatterName</c> (simple, one line per entry, by default; json or systemd),
/// and no log line holds a configured secret or a password in a URL.
/// </summary>
internal static class AtdHost
{
    /// <summary>The prefix of environment overrides: <c>ATD__Section__Key</c>.</summary>
    public const string EnvironmentPrefix = "ATD__";

    /// <summary>The variable naming the environment, as in every .NET host.</summary>
    public const string EnvironmentVariable = "DOTNET_ENVIRONMENT";

    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } name ? name : Environments.Production,
        });
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false, reloadOnChange: false)
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, $"appsettings.{builder.Environment.EnvironmentName}.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddCommandLine(args);

        // Defaults registered before the configuration's, so Logging:Console:FormatterName (json, systemd) and
        // Logging:Console:FormatterOptions still override them.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Simple);
        builder.Services.Configure<SimpleConsoleFormatterOptions>(o => o.SingleLine = true);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole();
        builder.Services.AddSystemd();
        builder.Services.AddAtdWorker(builder.Configuration);
        builder.Services.AddAtdStation(builder.Configuration);
        builder.Logging.AddSecretRedaction(builder.Configuration);
        return builder;
    }
}
