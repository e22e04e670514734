using Microsoft.Extensions.Hosting;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>Keeps the MQTT client connected for the life of the host; disconnects cleanly at shutdown.</summary>
public sealed class MqttConnectionService(MqttConnection connection) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => connection.RunAsync(stoppingToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await connection.DisconnectAsync().ConfigureAwait(false);
    }
}
