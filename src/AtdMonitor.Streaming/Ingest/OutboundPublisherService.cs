using AtdMonitor.Streaming.Sink;
using MQTTnet.Exceptions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>
/// Publishes alerts and dead letters (QoS 1), every waiting alert before any waiting dead letter. A message that
/// cannot be published, or that the broker refuses, stays queued and is retried after about 0.2 s, doubling to about
/// 1 s (only the bounded dead-letter lane of <see cref="OutboundChannel"/> ever drops anything). At shutdown it gets a
/// short grace period to publish what is left.
/// </summary>
public sealed partial class OutboundPublisherService(OutboundChannel outbound, MqttConnection connection, ILogger<OutboundPublisherService> logger) : BackgroundService
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    private readonly RetryBackoff _retries = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

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
                _retries.Reset();
            }
            catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException)
            {
                // The message stays at the head: the broker refuses a whole topic pattern (the ACL) or for a while (a
                // quota), and a raise must not be overtaken by its own clear. Backed off so that a broker which keeps
                // refusing is asked, and logged, about once a second; no longer, so that an alert arriving behind a
                // refused dead letter still overtakes it within about a second.
                var delay = _retries.NextDelay();
                LogRetry(message.Topic, ex.Message, delay.TotalSeconds);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing to {Topic} failed, will retry in {Seconds:0.#} s: {Reason}")]
    private partial void LogRetry(string topic, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown: {Count} alerts/dead letters could not be published")]
    private partial void LogUnpublished(int count);
}
