using System.Collections.Concurrent;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Feed;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Hosting;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Observability;
using AtdMonitor.Streaming.Sink;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.TestSupport;

/// <summary>
/// The real worker (everything <c>atd run</c> hosts, from <see cref="WorkerServiceCollectionExtensions.AddAtdWorker"/>) in
/// the test process, configured through configuration keys as a deployment is, with its logs captured and every
/// classified beat kept. <see cref="Create"/> builds it, so a test can watch its <see cref="Feed"/> from the first window,
/// <see cref="StartAsync(bool)"/> starts it, and <see cref="StopAsync"/> (or disposing) stops it cleanly, as on SIGTERM.
/// Unless the configuration names one, each worker keeps its alarm journal in a folder of its own, removed when it is
/// disposed: workers of parallel tests must not restore each other's alarms.
/// </summary>
public sealed class InProcessWorker : IAsyncDisposable
{
    /// <summary>The alarm journal's key (docs/CONFIGURATION.md).</summary>
    public const string JournalPathKey = "Alerts:Alarms:JournalPath";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private readonly IHost _host;
    private readonly IDisposable _keepingBeats;
    private readonly string? _journalFolder;
    private bool _started;
    private bool _stopped;

    private InProcessWorker(IHost host, CapturedLogs logs, string? journalFolder)
    {
        _host = host;
        Logs = logs;
        _journalFolder = journalFolder;
        _keepingBeats = Feed.Beats.Subscribe(Beats.Enqueue);
    }

    public IServiceProvider Services => _host.Services;

    public CapturedLogs Logs { get; }

    /// <summary>Every beat the worker classified, in the order the feed published them.</summary>
    public ConcurrentQueue<ClassifiedBeat> Beats { get; } = new();

    public IMonitoringFeed Feed => Services.GetRequiredService<IMonitoringFeed>();

    public PipelineMetrics Metrics => Services.GetRequiredService<PipelineMetrics>();

    public HealthSnapshot Health => Metrics.Snapshot(DateTimeOffset.UtcNow);

    public IMeasurementSink Sink => Services.GetRequiredService<IMeasurementSink>();

    public IAlarmBoard Alarms => Services.GetRequiredService<IAlarmBoard>();

    /// <summary>Why the worker failed as a whole (its pipeline died), or null.</summary>
    public string? Failure => Services.GetRequiredService<WorkerFailure>().Reason;

    public bool IsConnected => Services.GetRequiredService<MqttConnection>().IsConnected;

    /// <summary>
    /// Builds the worker without starting it. <paramref name="services"/> registers before the worker does, so what it
    /// registers (a sink, a clock) replaces the worker's default.
    /// </summary>
    public static InProcessWorker Create(IEnumerable<KeyValuePair<string, string?>> configuration, Action<IServiceCollection>? services = null)
    {
        var logs = new CapturedLogs();
        var settings = configuration.ToList();
        string? journalFolder = null;
        if (!settings.Any(s => string.Equals(s.Key, JournalPathKey, StringComparison.OrdinalIgnoreCase)))
        {
            journalFolder = Directory.CreateTempSubdirectory("atd-alarm-journal-").FullName;
            settings.Add(new(JournalPathKey, Path.Combine(journalFolder, "alarms.jsonl")));
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = StopTimeout);
        services?.Invoke(builder.Services);
        builder.Services.AddAtdWorker(builder.Configuration);
        return new InProcessWorker(builder.Build(), logs, journalFolder);
    }

    /// <summary>Builds and starts the worker (see <see cref="StartAsync(bool)"/>).</summary>
    public static async Task<InProcessWorker> StartAsync(IEnumerable<KeyValuePair<string, string?>> configuration, bool waitForConnection = true, Action<IServiceCollection>? services = null)
    {
        var worker = Create(configuration, services);
        try
        {
            await worker.StartAsync(waitForConnection);
            return worker;
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the worker and, unless told not to (a test of a broker that is not there yet), waits (bounded)
    /// until its MQTT client is connected and subscribed.</summary>
    public async Task StartAsync(bool waitForConnection = true)
    {
        _started = true;
        using var timeout = new CancellationTokenSource(StartTimeout);
        await _host.StartAsync(timeout.Token);
        if (waitForConnection)
        {
            await Services.GetRequiredService<MqttConnection>().WaitConnectedAsync(timeout.Token);
        }
    }

    /// <summary>A clean stop, as on SIGTERM: drains the pipeline, flushes the sink, acknowledges, disconnects (the session
    /// stays on the broker).</summary>
    public async Task StopAsync()
    {
        if (_started && !_stopped)
        {
            _stopped = true;
            using var timeout = new CancellationTokenSource(StopTimeout);
            await _host.StopAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _keepingBeats.Dispose();
        _host.Dispose();
        Logs.Dispose();
        if (_journalFolder is not null)
        {
            Directory.Delete(_journalFolder, recursive: true);
        }
    }
}
