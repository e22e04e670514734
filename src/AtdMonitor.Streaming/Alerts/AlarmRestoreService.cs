using Microsoft.Extensions.Hosting;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>
/// Puts the alarms of the journal back on the board as the worker starts, before its broker, its MQTT client, its
/// command service and its pipeline: no window or command can meet a board without them.
/// </summary>
public sealed class AlarmRestoreService(AlertPublisher publisher) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        publisher.RestoreJournaledAlarms();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
