using AtdMonitor.Streaming.Sink;
using MQTTnet.Exceptions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>
/// Publishes alerts and dead letters (QoS 1), every waiting alert before any waiting dead letter. While the connection
/// is down, or a publish fails on it, everything waits and is retried after about 0.2 s, doubling to about 1 s. A message
/// the broker refuses (its ACL for one bed's topic, a quota, a message it takes for malformed) holds only its own topic:
/// that topic's later messages wait behind it, so a bed's raise is never overtaken by its own clear, while every other
/// bed's alerts go out at once; the refused topics are asked again on a back-off of their own, about 0.2 s doubling to
/// about 1 s. Only the bounded dead-letter lane of <see cref="OutboundChannel"/> ever drops anything. At shutdown it gets a short grace period to publish what is left.
/// </summary>
public sealed partial class OutboundPublisherService(OutboundChannel outbound, MqttConnection connection, ILogger<OutboundPublisherService> logger) : BackgroundService
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    private readonly RetryBackoff _retries = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

    /// <summary>How soon refused topics are asked again: its own back-off, so a topic the broker keeps refusing neither
    /// slows the connection's retries nor the other topics.</summary>
    private readonly RetryBackoff _refusals = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

    /// <summary>Topics whose oldest message the broker refused at its last attempt; logged once when refused, once when taken again.</summary>
    private readonly HashSet<string> _refusedTopics = new(StringComparer.Ordinal);

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

    /// <summary>Publishes until nothing waits. Refused topics are held until their back-off ends; a message of another
    /// topic that arrives meanwhile goes at once.</summary>
    private async Task PublishAvailableAsync(CancellationToken cancellationToken)
    {
        var held = new HashSet<string>(StringComparer.Ordinal);
        var heldUntil = 0L;
        while (true)
        {
            if (held.Count > 0 && Environment.TickCount64 >= heldUntil)
            {
                held.Clear();
            }

            // Asked for before the peek, so a message queued between the two is not missed.
            var arrival = held.Count > 0 ? outbound.NextArrivalAsync(cancellationToken) : null;
            // Peeked afresh on every attempt, so an alert that arrives while a dead letter is being retried goes first.
            if (!outbound.TryPeek(out var message, held))
            {
                if (arrival is null)
                {
                    return;
                }

                var left = TimeSpan.FromMilliseconds(Math.Max(0, heldUntil - Environment.TickCount64));
                await Task.WhenAny(Task.Delay(left, cancellationToken), arrival).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                continue;
            }

            try
            {
                await connection.WaitConnectedAsync(cancellationToken).ConfigureAwait(false);
                await connection.PublishAsync(message, cancellationToken).ConfigureAwait(false);
                outbound.Remove(message);
                _retries.Reset();
                if (_refusedTopics.Remove(message.Topic))
                {
                    LogAcceptedAgain(message.Topic);
                }

                if (_refusedTopics.Count == 0)
                {
                    _refusals.Reset();
                }
            }
            catch (PublishRefusedException ex)
            {
                if (held.Count == 0)
                {
                    heldUntil = Environment.TickCount64 + (long)_refusals.NextDelay().TotalMilliseconds;
                }

                held.Add(message.Topic);
                if (_refusedTopics.Add(message.Topic))
                {
                    LogRefused(message.Topic, ex.Message);
                }
            }
            catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException)
            {
                // The connection failed: nothing can go, so everything waits in its place. Backed off so that a broker
                // that keeps failing is asked, and logged, about once a second.
                var delay = _retries.NextDelay();
                LogRetry(message.Topic, ex.Message, delay.TotalSeconds);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing to {Topic} failed, will retry in {Seconds:0.#} s: {Reason}")]
    private partial void LogRetry(string topic, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "The broker refused a message to {Topic}: {Reason}. It stays queued and is asked again about once a second; that topic's later messages wait behind it, other topics go on")]
    private partial void LogRefused(string topic, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The broker takes messages to {Topic} again")]
    private partial void LogAcceptedAgain(string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown: {Count} alerts/dead letters could not be published")]
    private partial void LogUnpublished(int count);
}
