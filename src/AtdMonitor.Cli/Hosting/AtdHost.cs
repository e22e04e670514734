using AtdMonitor.Streaming.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Cli.Hosting;

/// <summary>
/// Composes the worker host: appsettings.json beside the binary, then ATD__-prefixed environment variables, then
/// command-line overrides (<c>--Section:Key=value</c>); registers the options (validated at start) and the worker's services.
/// </summary>
internal static class AtdHost
{
    /// <summary>The prefix of environment overrides: <c>ATD__Section__Key</c>.</summary>
    public const string EnvironmentPrefix = "ATD__";

    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false, reloadOnChange: false)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddCommandLine(args);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.AddSystemd();
        builder.Services.AddAtdWorker(builder.Configuration);
        return builder;
    }
}
