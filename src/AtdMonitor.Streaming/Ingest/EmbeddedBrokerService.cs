using System.Net;
using System.Net.Sockets;
using AtdMonitor.Streaming.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>
/// With <c>Mqtt:Host</c> empty, runs an MQTTnet broker inside the worker on <c>Mqtt:Port</c> (0 = any free port), so one
/// process is a complete system for demos and tests. Registered first, so it listens before the client connects.
/// </summary>
public sealed partial class EmbeddedBrokerService(IOptions<MqttOptions> options, BrokerEndpoint endpoint, ILogger<EmbeddedBrokerService> logger) : IHostedService, IDisposable
{
    private MqttServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.UsesEmbeddedBroker)
        {
            return;
        }

        var port = options.Value.Port == 0 ? FreePort() : options.Value.Port;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(port)
            .WithPersistentSessions()
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        await _server.StartAsync().ConfigureAwait(false);
        endpoint.UseEmbedded(port);
        LogListening(port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _server?.Dispose();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded MQTT broker listening on port {Port}")]
    private partial void LogListening(int port);
}
