using AtdMonitor.Integration.Tests.Support;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Feed;
using AtdMonitor.Streaming.Hosting;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Observability;
using AtdMonitor.Streaming.Sink;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Integration.Tests.Worker;

/// <summary>The real worker (everything <c>atd run</c> hosts, from <see cref="ServiceCollectionExtensions.AddAtdWorker"/>)
/// in this process, configured like a deployment through configuration keys, with its logs captured.</summary>
public sealed class WorkerHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private readonly IHost _host;
    private bool _stopped;

    private WorkerHost(IHost host, CapturedLogs logs)
    {
        _host = host;
        Logs = logs;
    }

    public CapturedLogs Logs { get; }

    public PipelineMetrics Metrics => _host.Services.GetRequiredService<PipelineMetrics>();

    public HealthSnapshot Health => Metrics.Snapshot(DateTimeOffset.UtcNow);

    public InfluxMeasurementSink Sink => (InfluxMeasurementSink)_host.Services.GetRequiredService<IMeasurementSink>();

    public IMonitoringFeed Feed => _host.Services.GetRequiredService<IMonitoringFeed>();

    public IAlarmBoard Alarms => _host.Services.GetRequiredService<IAlarmBoard>();

    /// <summary>Why the worker failed as a whole (its pipeline died), or null.</summary>
    public string? Failure => _host.Services.GetRequiredService<WorkerFailure>().Reason;

    public bool IsConnected => _host.Services.GetRequiredService<MqttConnection>().IsConnected;

    /// <summary>Starts the worker and waits (bounded) until its MQTT client is connected and subscribed.</summary>
    public static async Task<WorkerHost> StartAsync(WorkerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var logs = new CapturedLogs();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings.ToConfiguration());
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = StopTimeout);
        builder.Services.AddAtdWorker(builder.Configuration);
        var host = builder.Build();
        var worker = new WorkerHost(host, logs);
        try
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            await host.StartAsync(timeout.Token);
            if (settings.WaitForConnection)
            {
                await host.Services.GetRequiredService<MqttConnection>().WaitConnectedAsync(timeout.Token);
            }

            return worker;
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }

    /// <summary>A clean stop, as on SIGTERM: drains the pipeline, flushes the sink, disconnects (the session stays on the broker).</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            using var timeout = new CancellationTokenSource(StopTimeout);
            await _host.StopAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
        Logs.Dispose();
    }
}
