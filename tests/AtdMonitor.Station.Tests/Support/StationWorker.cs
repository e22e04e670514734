using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using AtdMonitor.Data.Paths;
using AtdMonitor.Servers;
using AtdMonitor.TestSupport;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Simulator.Beds;
using AtdMonitor.Simulator.Publishing;
using AtdMonitor.Simulator.Records;
using AtdMonitor.Simulator.Replay;
using AtdMonitor.Station.Configuration;
using AtdMonitor.Station.Web;
using AtdMonitor.Streaming.Hosting;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MQTTnet;
using MQTTnet.Protocol;

namespace AtdMonitor.Station.Tests.Support;

/// <summary>
/// The worker with its central station in process: embedded broker on a free port, the shipped beat classifier, the
/// station on a free loopback port with a token, a real store (victoria-metrics through the InfluxDB v2 write API),
/// and the simulator replaying the bundled MIT-BIH records (one bed each, faster than real time), or no simulator and
/// a bed the test publishes (<see cref="PublishAsync"/>). A device-side MQTT client listens to the alert topics. Unless
/// the configuration names one, the worker keeps its alarm journal in a folder of its own, removed when it is disposed.
/// </summary>
internal sealed class StationWorker : IAsyncDisposable
{
    public const string Token = "0123456789abcdef0123456789abcdef";

    private readonly IMqttClient _listener = new MqttClientFactory().CreateMqttClient();
    private readonly CancellationTokenSource _stopReplay = new();
    private MqttMessagePublisher? _publisher;
    private ReplayEngine? _replay;
    private readonly string _journalFolder;
    private Task _replaying = Task.CompletedTask;

    private StationWorker(IHost host, VictoriaMetricsServer store, string journalFolder)
    {
        Host = host;
        Store = store;
        _journalFolder = journalFolder;
    }

    public IHost Host { get; }

    public VictoriaMetricsServer Store { get; }

    public IReadOnlyList<string> Beds { get; private set; } = [];

    public ConcurrentQueue<AlertMessage> AlertsOnMqtt { get; } = new();

    /// <summary>The station's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Station => new(Host.Services.GetRequiredService<StationWebService>().Addresses[0]);

    /// <param name="speed">Times real time the simulator replays; null: no simulator.</param>
    /// <param name="configure">Configuration overrides.</param>
    public static async Task<StationWorker> StartAsync(double? speed, Action<Dictionary<string, string?>>? configure = null)
    {
        var store = await VictoriaMetricsServer.StartAsync();
        var journalFolder = Directory.CreateTempSubdirectory("atd-station-journal-").FullName;
        var root = DataDirectory.FindRepositoryRoot() ?? throw new DirectoryNotFoundException("repository root not found above the test binary");
        var settings = new Dictionary<string, string?>
        {
            ["Mqtt:Port"] = "0",
            ["Mqtt:ClientId"] = "station-worker",
            ["Metrics:Port"] = "0",
            ["Inference:Threads"] = "1",
            ["Inference:BeatCheckpoint"] = Path.Combine(root, "models", "arrhythmia-atd.ckpt"),
            ["Recording:Enabled"] = "false",
            ["Influx:Url"] = store.Url.ToString(),
            ["Influx:Token"] = "station-test-token",
            ["Station:Enabled"] = "true",
            ["Station:Urls"] = "http://127.0.0.1:0",
            ["Station:Token"] = Token,
            [InProcessWorker.JournalPathKey] = Path.Combine(journalFolder, "alarms.jsonl"),
        };
        configure?.Invoke(settings);

        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddAtdWorker(builder.Configuration);
        builder.Services.AddAtdStation(builder.Configuration);
        var worker = new StationWorker(builder.Build(), store, journalFolder);
        try
        {
            await worker.Host.StartAsync();
            await worker.Host.Services.GetRequiredService<MqttConnection>().WaitConnectedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            await worker.ListenToAlertsAsync();
            if (speed is { } times)
            {
                worker.StartReplay(times);
            }

            return worker;
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Publishes windows [<paramref name="first"/>, <paramref name="end"/>) of <paramref name="ecg"/> as
    /// <paramref name="bed"/>'s device does (sample 0 at <paramref name="start"/>), through the worker's broker.</summary>
    public async Task PublishAsync(string bed, SyntheticEcg ecg, DateTimeOffset start, long first, long end)
    {
        var broker = Host.Services.GetRequiredService<BrokerEndpoint>();
        await using var device = await MqttMessagePublisher.ConnectAsync(new BrokerConnectionOptions { Host = broker.Host, Port = broker.Port, ClientId = "device-" + bed }, CancellationToken.None);
        for (var sequence = first; sequence < end; sequence++)
        {
            foreach (var (topic, payload) in ecg.WireMessages(bed, sequence, start))
            {
                await device.PublishAsync(topic, payload, CancellationToken.None);
            }
        }
    }

    /// <summary>An HTTP client of the station that presents the token.</summary>
    public HttpClient AuthorisedClient()
    {
        var client = new HttpClient { BaseAddress = Station };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopReplay.CancelAsync();
        try
        {
            await _replaying;
        }
        catch (OperationCanceledException)
        {
        }

        _replay?.Dispose();
        if (_publisher is not null)
        {
            await _publisher.DisposeAsync();
        }

        if (_listener.IsConnected)
        {
            await _listener.DisconnectAsync();
        }

        _listener.Dispose();
        await Host.StopAsync();
        Host.Dispose();
        _stopReplay.Dispose();
        await Store.DisposeAsync();
        Directory.Delete(_journalFolder, recursive: true);
    }

    private void StartReplay(double speed)
    {
        var library = new RecordLibrary(Path.Combine(TestData.Samples, "mitdb"));
        var records = library.ListRecords();
        var plan = BedPlan.Create(library, records, records.Count, TimeSpan.FromSeconds(97));
        Beds = plan.Select(b => b.Bed).ToList();
        var broker = Host.Services.GetRequiredService<BrokerEndpoint>();
        _replaying = Task.Run(async () =>
        {
            _publisher = await MqttMessagePublisher.ConnectAsync(new BrokerConnectionOptions { Host = broker.Host, Port = broker.Port, ClientId = "station-simulator" }, _stopReplay.Token);
            _replay = new ReplayEngine(plan, _publisher, new ReplayOptions { Windows = plan.Min(b => b.WindowsPerPass), Speed = speed });
            await _replay.RunAsync(_stopReplay.Token);
        });
    }

    private async Task ListenToAlertsAsync()
    {
        var broker = Host.Services.GetRequiredService<BrokerEndpoint>();
        _listener.ApplicationMessageReceivedAsync += e =>
        {
            AlertsOnMqtt.Enqueue(JsonWireCodec.DecodeAlert(e.ApplicationMessage.Payload.ToArray()));
            return Task.CompletedTask;
        };
        await _listener.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId("station-listener").Build());
        await _listener.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic("atd/v1/+/alert").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build());
    }
}
