using System.Globalization;
using AtdMonitor.TestSupport;

namespace AtdMonitor.Integration.Tests.Worker;

/// <summary>The configuration of a worker under test, as the keys of appsettings.json: a persistent MQTT session on the
/// given broker, InfluxDB writes to the given store, the tiny model, and short timeouts so faults play out in seconds.</summary>
public sealed record WorkerSettings(MosquittoServer Broker, VictoriaMetricsServer Store, string ClientId)
{
    public MqttCredentials? Credentials { get; init; }

    public bool UseTls { get; init; }

    public string InfluxToken { get; init; } = "worker-token-" + Guid.NewGuid().ToString("N");

    public string Checkpoint { get; init; } = BeatCheckpoints.Tiny;

    /// <summary>Whether <see cref="StartWorkerAsync"/> waits for the MQTT connection (not when it is meant to fail).</summary>
    public bool WaitForConnection { get; init; } = true;

    /// <summary>Further keys, e.g. <c>Pipeline:QueueCapacity</c>; they win over the defaults here.</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; init; } = new Dictionary<string, string>();

    /// <summary>Starts the worker in this process with these settings.</summary>
    public Task<InProcessWorker> StartWorkerAsync() => InProcessWorker.StartAsync(ToConfiguration(), WaitForConnection);

    public IEnumerable<KeyValuePair<string, string?>> ToConfiguration()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Mqtt:Host"] = MosquittoServer.Host,
            ["Mqtt:Port"] = (UseTls ? Broker.TlsPort!.Value : Broker.Port).ToString(CultureInfo.InvariantCulture),
            ["Mqtt:ClientId"] = ClientId,
            ["Mqtt:CleanSession"] = "false",
            ["Mqtt:SessionExpiry"] = "01:00:00",
            ["Mqtt:ReconnectMinDelay"] = "00:00:00.100",
            ["Mqtt:ReconnectMaxDelay"] = "00:00:01",
            ["Mqtt:UseTls"] = UseTls ? "true" : "false",
            ["Mqtt:CaCertificateFile"] = UseTls ? Broker.Certificates!.CaCertificatePath : string.Empty,
            ["Mqtt:Username"] = Credentials?.UserName ?? string.Empty,
            ["Mqtt:Password"] = Credentials?.Password ?? string.Empty,
            ["Influx:Url"] = Store.Url.ToString(),
            ["Influx:Token"] = InfluxToken,
            ["Influx:Buffer:FlushInterval"] = "00:00:00.100",
            ["Influx:Buffer:RetryMinDelay"] = "00:00:00.100",
            ["Influx:Buffer:RetryMaxDelay"] = "00:00:01",
            ["Inference:BeatCheckpoint"] = Checkpoint,
            ["Inference:Threads"] = "1",
            ["Pipeline:PairingTimeout"] = "00:00:01",
            ["Pipeline:HealthInterval"] = "00:00:01",
            ["Metrics:Port"] = "0", // workers of parallel tests would contend for the one metrics port
        };
        foreach (var (key, value) in Overrides)
        {
            settings[key] = value;
        }

        return settings;
    }
}
