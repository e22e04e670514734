using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;

namespace AtdMonitor.Integration.Tests.Support;

/// <summary>A plain MQTTnet 5 client for tests: connects with the given options, publishes QoS 1, and keeps
/// every message it receives (topic and payload) in arrival order.</summary>
public sealed class MqttTestClient : IAsyncDisposable
{
    private static readonly MqttClientFactory Factory = new();
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(100);
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _options;
    private readonly ConcurrentQueue<ReceivedMessage> _received = new();
    private readonly ConcurrentQueue<string> _disconnects = new();

    private MqttTestClient(IMqttClient client, MqttClientOptions options)
    {
        _client = client;
        _options = options;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Enqueue(new ReceivedMessage(e.ApplicationMessage.Topic, System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload), e.ApplicationMessage.Dup));
            return Task.CompletedTask;
        };
        _client.DisconnectedAsync += e =>
        {
            _disconnects.Enqueue($"{e.Reason} {e.Exception?.Message}".Trim());
            return Task.CompletedTask;
        };
    }

    public IReadOnlyCollection<ReceivedMessage> Received => _received;

    public bool IsConnected => _client.IsConnected;

    /// <summary>Why the connection was lost, once per loss (a lost connection also loses the messages sent meanwhile).</summary>
    public IReadOnlyCollection<string> Disconnects => _disconnects;

    /// <summary>Connects; throws when the broker refuses (MQTTnet 5 reports a refusal as a result code, not an exception).</summary>
    public static async Task<MqttTestClient> ConnectAsync(MqttClientOptions options, CancellationToken cancellationToken = default)
    {
        var client = new MqttTestClient(Factory.CreateMqttClient(), options);
        try
        {
            var result = await client._client.ConnectAsync(options, cancellationToken);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new InvalidOperationException($"The broker refused {options.ClientId}: {result.ResultCode}.");
            }

            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Tries to connect and says how the broker answered; disconnects again if it was accepted.</summary>
    public static async Task<MqttClientConnectResultCode> TryConnectAsync(MqttClientOptions options, CancellationToken cancellationToken = default)
    {
        using var client = Factory.CreateMqttClient();
        var result = await client.ConnectAsync(options, cancellationToken);
        if (client.IsConnected)
        {
            await client.DisconnectAsync(cancellationToken: cancellationToken);
        }

        return result.ResultCode;
    }

    public async Task SubscribeAsync(string topicFilter, CancellationToken cancellationToken = default)
    {
        var result = await _client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            cancellationToken);
        var code = result.Items.Single().ResultCode;
        if (code != MqttClientSubscribeResultCode.GrantedQoS1)
        {
            throw new InvalidOperationException($"Subscribing to {topicFilter} was answered {code}.");
        }
    }

    /// <summary>Publishes with QoS 1 and returns once the broker acknowledged it.</summary>
    public async Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain = false, CancellationToken cancellationToken = default)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        var result = await _client.PublishAsync(message, cancellationToken);
        if (!result.IsSuccess && result.ReasonCode != MqttClientPublishReasonCode.NoMatchingSubscribers)
        {
            throw new InvalidOperationException($"Publishing to {topic} was answered {result.ReasonCode} ({result.ReasonString}).");
        }
    }

    /// <summary>Publishes like a device that buffers while its broker is away: on failure it reconnects and publishes
    /// again until <paramref name="timeout"/> (at least once: the broker may already have had it). Returns the attempts.</summary>
    public async Task<int> PublishWithRetryAsync(string topic, ReadOnlyMemory<byte> payload, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    await _client.ConnectAsync(_options);
                }

                await PublishAsync(topic, payload);
                return attempt;
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or OperationCanceledException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(RetryInterval);
            }
        }
    }

    public Task DisconnectAsync() => _client.IsConnected ? _client.DisconnectAsync() : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
