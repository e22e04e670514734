using System.CommandLine;
using AtdMonitor.Cli.Hosting;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Cli.Commands;

/// <summary><c>atd run</c>: the hosted worker, configured by appsettings.json, ATD__ environment variables and flags.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Runs the monitoring worker (MQTT in, InfluxDB out), configured by appsettings.json, ATD__Section__Key environment variables and --Section:Key=value overrides (see docs/WORKER.md).");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = AtdHost.CreateBuilder(parseResult.UnmatchedTokens.ToArray()).Build();
            try
            {
                await host.RunAsync(cancellationToken);
                if (host.Services.GetRequiredService<WorkerFailure>().Reason is { } failed)
                {
                    // Exit non-zero so that systemd or Kubernetes restarts the worker.
                    await Console.Error.WriteLineAsync($"atd run: {failed}");
                    return 1;
                }

                return 0;
            }
            catch (OptionsValidationException ex)
            {
                await Console.Error.WriteLineAsync($"atd run: invalid configuration: {string.Join(" ", ex.Failures)}");
                return 2;
            }
            catch (WorkerStartException ex)
            {
                // A missing checkpoint or an unavailable device is a configuration problem, not a crash: say which key and what to do.
                await Console.Error.WriteLineAsync($"atd run: {ex.Message}");
                return 2;
            }
        });
        command.TreatUnmatchedTokensAsErrors = false;
        return command;
    }
}
