using System.Globalization;
using AtdMonitor.Cli.Hosting;
using AtdMonitor.Station.Web;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Feed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// The worker of <c>atd run</c>, composed the same way (<see cref="AtdHost"/>: appsettings.json, ATD__ variables) but
/// hosted inside a command, with configuration overrides; used by demo, score and the pipeline benchmark so they measure
/// the real worker. They watch its results on the monitoring feed; the worker itself writes them to its sink as always.
/// </summary>
internal sealed class DemoWorkerHost : IAsyncDisposable
{
    private readonly IHost _host;

    private DemoWorkerHost(IHost host)
    {
        _host = host;
    }

    /// <summary>The broker the worker reads from (the embedded one's port once it listens).</summary>
    public BrokerEndpoint Broker => _host.Services.GetRequiredService<BrokerEndpoint>();

    public PipelineMetrics Metrics => _host.Services.GetRequiredService<PipelineMetrics>();

    /// <summary>The alert rules' settings the worker runs with (appsettings.json and overrides applied).</summary>
    public AlertsOptions Alerts => _host.Services.GetRequiredService<IOptions<AlertsOptions>>().Value;

    /// <summary>Where the central station listens (a port 0 resolved); empty when it is off.</summary>
    public IReadOnlyList<string> StationAddresses => _host.Services.GetRequiredService<StationWebService>().Addresses;

    /// <summary>
    /// Settings of an in-process worker on embedded defaults: its own broker on a free port (or <paramref name="brokerPort"/>
    /// of a broker at 127.0.0.1), one libtorch thread, results in a line-protocol file in the temporary folder, no recording,
    /// no forecasting, no alarm journal.
    /// </summary>
    public static Dictionary<string, string> EmbeddedSettings(string clientId, string checkpoint, int? brokerPort = null) => new(StringComparer.Ordinal)
    {
        ["Mqtt:Host"] = brokerPort is null ? string.Empty : "127.0.0.1",
        ["Mqtt:Port"] = (brokerPort ?? 0).ToString(CultureInfo.InvariantCulture),
        ["Mqtt:ClientId"] = clientId,
        ["Inference:Threads"] = "1",
        ["Inference:BeatCheckpoint"] = checkpoint,
        ["Influx:Url"] = string.Empty,
        ["Influx:LineProtocolFile"] = Path.Combine(Path.GetTempPath(), $"{clientId}.lp"),
        ["Recording:Enabled"] = "false",
        // A replay starts from an empty board: the latched alarms of an earlier replay are not this one's.
        ["Alerts:Alarms:JournalPath"] = string.Empty,
        ["Forecasting:Checkpoint"] = string.Empty,
        ["Metrics:Port"] = "0",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>Starts the worker and waits until its MQTT client is connected and subscribed.</summary>
    /// <param name="settings">Configuration overrides, e.g. <c>Mqtt:Port</c> = <c>0</c>.</param>
    /// <param name="capture">Watches the worker's beats and alerts from before the first message.</param>
    /// <param name="cancellationToken">Stops waiting for the start.</param>
    public static async Task<DemoWorkerHost> StartAsync(IReadOnlyDictionary<string, string> settings, DemoCapture capture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(capture);
        var args = settings.Select(s => string.Create(CultureInfo.InvariantCulture, $"--{s.Key}={s.Value}")).ToArray();
        var host = AtdHost.CreateBuilder(args).Build();
        try
        {
            capture.Watch(host.Services.GetRequiredService<IMonitoringFeed>());
            if (host.Services.GetService<IAsyncStartupValidator>() is { } validator)
            {
                await validator.ValidateAsync(cancellationToken).ConfigureAwait(false);
            }
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            await host.Services.GetRequiredService<MqttConnection>().WaitConnectedAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            return new DemoWorkerHost(host);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits until the worker has taken in <paramref name="messages"/> messages and emptied its queue (or
    /// <paramref name="patience"/> passes), then stops it: the pipeline drains pairing and the last batches into the sink.
    /// </summary>
    public async Task DrainAndStopAsync(long messages, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            var health = Metrics.Snapshot(DateTimeOffset.UtcNow);
            if (health.MessagesIn >= messages && health.QueueDepth == 0)
            {
                break;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        await _host.StopAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _host.Dispose();
        }
    }
}
