using System.Collections.Concurrent;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Feed;
using AtdMonitor.Streaming.Hosting;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Sink;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moq;

namespace AtdMonitor.Streaming.Tests.Support;

/// <summary>
/// A worker host in process that connects to an external broker on loopback (no embedded broker), with a Moq sink that
/// collects the classified beats. The host is built but not started.
/// </summary>
internal sealed class BrokerWorker : IAsyncDisposable
{
    private bool _started;

    private BrokerWorker(IHost host)
    {
        Host = host;
    }

    public IHost Host { get; }

    public ConcurrentQueue<ClassifiedBeat> Beats { get; } = new();

    public PipelineMetrics Metrics => Host.Services.GetRequiredService<PipelineMetrics>();

    public static BrokerWorker Create(int brokerPort, string checkpoint, IDictionary<string, string?> settings)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Mqtt:Host"] = "127.0.0.1",
            ["Mqtt:Port"] = brokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mqtt:ReconnectMinDelay"] = "00:00:00.050",
            ["Mqtt:ReconnectMaxDelay"] = "00:00:00.200",
            ["Metrics:Port"] = "0",
            ["Inference:BeatCheckpoint"] = checkpoint,
            ["Pipeline:PairingTimeout"] = "00:00:00.500",
            // The test messages are stamped at a fixed date; the clock window has its own test.
            ["Pipeline:MaxClockSkew"] = "3650.00:00:00",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        var sink = new Mock<IMeasurementSink>();
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddLogging();
        builder.Services.AddSingleton(sink.Object);
        builder.Services.AddAtdWorker(builder.Configuration);
        var worker = new BrokerWorker(builder.Build());
        worker.Host.Services.GetRequiredService<IMonitoringFeed>().Beats.Subscribe(worker.Beats.Enqueue);
        return worker;
    }

    /// <summary>Starts the host (the MQTT client keeps trying to connect in the background).</summary>
    public Task StartAsync()
    {
        _started = true;
        return Host.StartAsync();
    }

    /// <summary>Starts the host and waits until its MQTT client has subscribed.</summary>
    public async Task StartConnectedAsync()
    {
        await StartAsync();
        await Host.Services.GetRequiredService<MqttConnection>().WaitConnectedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await Host.StopAsync();
        }

        Host.Dispose();
    }
}
