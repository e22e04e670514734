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
        var command = new Command("run", "Runs the monitoring worker (MQTT in, InfluxDB out), configured by appsettings.json, ATD__Section__Key environment variables and --Section:Key=value overrides (see docs/WORKER.md)." + Environment.NewLine + Environment.NewLine + MostUsedSettings());
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = AtdHost.CreateBuilder(parseResult.UnmatchedTokens.ToArray()).Build();
            try
            {
                // Before the start, so an invalid setting is one line here rather than the host's "failed to start" stack trace.
                if (host.Services.GetService<IAsyncStartupValidator>() is { } validator)
                {
                    await validator.ValidateAsync(cancellationToken);
                }

                var failure = host.Services.GetRequiredService<WorkerFailure>();
                await host.RunAsync(cancellationToken);
                if (failure.Reason is { } failed)
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

    /// <summary>The settings an operator sets first, with the defaults of the options classes (every key: docs/CONFIGURATION.md).</summary>
    private static string MostUsedSettings()
    {
        var (mqtt, influx, inference, metrics, sharding) = (new MqttOptions(), new InfluxOptions(), new InferenceOptions(), new MetricsOptions(), new ShardingOptions());
        (string Setting, string Meaning)[] settings =
        [
            ("--Mqtt:Host=HOST", "the broker; empty runs the embedded broker [default: empty]"),
            ("--Mqtt:Port=PORT", $"broker port [default: {mqtt.Port}]"),
            ("--Mqtt:Username=NAME --Mqtt:Password=...", "broker credentials (the password better as ATD__Mqtt__Password)"),
            ("--Mqtt:UseTls=true", "TLS; with Mqtt:CaCertificateFile, Mqtt:ClientCertificateFile, Mqtt:ClientKeyFile"),
            ("--Influx:Url=URL", $"InfluxDB v2; empty writes line protocol to Influx:LineProtocolFile [default: {influx.LineProtocolFile}]"),
            ("--Influx:Token=...", "InfluxDB token (better as ATD__Influx__Token)"),
            ("--Inference:BeatCheckpoint=PATH", $"the beat classifier from atd train [default: {inference.BeatCheckpoint}]"),
            ("--Inference:Device=cpu|cuda|cuda:N", $"where the model runs [default: {inference.Device}]"),
            ("--Metrics:Port=PORT", $"/metrics, /healthz, /readyz; 0 turns them off [default: {metrics.Port}]"),
            ("--Sharding:ShardIndex=I --Sharding:ShardCount=N", $"this worker's shard of the beds [default: {sharding.ShardIndex} of {sharding.ShardCount}]"),
            ("--Logging:Console:FormatterName=json", "one JSON object per log line [default: simple]"),
        ];
        var width = settings.Max(s => s.Setting.Length) + 2;
        var lines = settings.Select(s => "  " + s.Setting.PadRight(width) + s.Meaning);
        return "Most used settings (as --Section:Key=value, or ATD__Section__Key in the environment; check a file with 'atd config check'):" + Environment.NewLine + string.Join(Environment.NewLine, lines);
    }
}
