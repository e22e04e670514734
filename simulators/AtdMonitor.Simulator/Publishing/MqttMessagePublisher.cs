using AtdMonitor.Mqtt;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace AtdMonitor.Simulator.Publishing;

/// <summary>
/// Publishes over one MQTTnet 5 client. MQTTnet 5 has no managed client, so this owns the reconnect: it connects with
/// back-off until <see cref="BrokerConnectionOptions.ConnectTimeout"/>, and after a loss reconnects on the next publish
/// (messages published while the broker is away fail, and the caller counts them).
/// </summary>
public sealed class MqttMessagePublisher : IMessagePublisher
{
    private readonly BrokerConnectionOptions _options;
    private readonly IMqttClient _client;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly MqttQualityOfServiceLevel _qos;

    private MqttMessagePublisher(BrokerConnectionOptions options)
    {
        _options = options;
        _qos = options.QualityOfService == 0 ? MqttQualityOfServiceLevel.AtMostOnce : MqttQualityOfServiceLevel.AtLeastOnce;
        _client = new MqttClientFactory().CreateMqttClient();
    }

    /// <summary>Connects (retrying until the connect timeout) and returns a ready publisher.</summary>
    /// <exception cref="TimeoutException">No connection within the connect timeout; the message names the broker and the last error.</exception>
    public static async Task<MqttMessagePublisher> ConnectAsync(BrokerConnectionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var publisher = new MqttMessagePublisher(options);
        try
        {
            await publisher.EnsureConnectedAsync(options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            return publisher;
        }
        catch
        {
            await publisher.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task PublishAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            await EnsureConnectedAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(_qos)
            .Build();
        var result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            throw new MqttCommunicationException($"The broker refused the publish to {topic}: {result.ReasonCode} {result.ReasonString}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build()).ConfigureAwait(false);
        }

        _client.Dispose();
        _connectLock.Dispose();
    }

    private async Task EnsureConnectedAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var deadline = DateTime.UtcNow + patience;
            var delay = TimeSpan.FromMilliseconds(100);
            while (!_client.IsConnected)
            {
                try
                {
                    await _client.ConnectAsync(BuildOptions(), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is MqttCommunicationException or MQTTnet.Adapter.MqttConnectingFailedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    if (DateTime.UtcNow + delay > deadline)
                    {
                        throw new TimeoutException($"Could not connect to the MQTT broker at {_options.Host}:{_options.Port} within {patience.TotalSeconds:0} s: {ex.Message}", ex);
                    }

                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
                }
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private MqttClientOptions BuildOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15));
        if (!string.IsNullOrEmpty(_options.Username))
        {
            builder = builder.WithCredentials(_options.Username, _options.Password);
        }

        builder = builder.WithTls(_options.Tls);

        return builder.Build();
    }
}
