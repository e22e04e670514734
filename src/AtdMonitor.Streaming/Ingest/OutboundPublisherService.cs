using MQTTnet.Exceptions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>
/// Publishes alerts and dead letters (QoS 1). A message that cannot be published waits for the next connection and
/// is retried; nothing is dropped. At shutdown it gets a short grace period to publish what is left.
/// </summary>
public sealed partial class OutboundPublisherService(OutboundChannel outbound, MqttConnection connection, ILogger<OutboundPublisherService> logger) : BackgroundService
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await PublishAllAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            using var grace = new CancellationTokenSource(ShutdownGrace);
            try
            {
                await PublishAvailableAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                LogUnpublished(outbound.Count);
            }
        }
    }

    private async Task PublishAllAsync(CancellationToken cancellationToken)
    {
        while (await outbound.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            await PublishAvailableAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PublishAvailableAsync(CancellationToken cancellationToken)
    {
        while (outbound.Reader.TryPeek(out var message))
        {
            try
            {
                await connection.WaitConnectedAsync(cancellationToken).ConfigureAwait(false);
                await connection.PublishAsync(message, cancellationToken).ConfigureAwait(false);
                outbound.Reader.TryRead(out _);
            }
            catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException)
            {
                LogRetry(message.Topic, ex.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing to {Topic} failed, will retry: {Reason}")]
    private partial void LogRetry(string topic, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown: {Count} alerts/dead letters could not be published")]
    private partial void LogUnpublished(int count);
}
