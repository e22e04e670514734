using MQTTnet.Exceptions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>
/// Publishes alerts and dead letters (QoS 1), every waiting alert before any waiting dead letter. A message that
/// cannot be published stays queued for the next connection and is retried (only the bounded dead-letter lane of
/// <see cref="OutboundChannel"/> ever drops anything). At shutdown it gets a short grace period to publish what is left.
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
        while (true)
        {
            await outbound.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
            await PublishAvailableAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PublishAvailableAsync(CancellationToken cancellationToken)
    {
        // Peeked afresh on every attempt, so an alert that arrives while a dead letter is being retried goes first.
        while (outbound.TryPeek(out var message))
        {
            try
            {
                await connection.WaitConnectedAsync(cancellationToken).ConfigureAwait(false);
                await connection.PublishAsync(message, cancellationToken).ConfigureAwait(false);
                outbound.Remove(message);
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
