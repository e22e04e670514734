using AtdMonitor.Streaming.Configuration;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>Where the worker's MQTT client connects: the configured broker, or the embedded one once it has its port.</summary>
public sealed class BrokerEndpoint(IOptions<MqttOptions> options)
{
    public string Host { get; private set; } = options.Value.UsesEmbeddedBroker ? "127.0.0.1" : options.Value.Host;

    public int Port { get; private set; } = options.Value.Port;

    internal void UseEmbedded(int port)
    {
        Host = "127.0.0.1";
        Port = port;
    }
}
