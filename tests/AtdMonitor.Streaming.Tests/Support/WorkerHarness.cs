using System.Buffers;
using System.Collections.Concurrent;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Feed;
using AtdMonitor.Streaming.Hosting;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Sink;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moq;
using MQTTnet;
using MQTTnet.Protocol;

namespace AtdMonitor.Streaming.Tests.Support;

/// <summary>
/// The worker host in process: embedded broker on a free port, a Moq sink that collects what is written, a device-side
/// MQTT client that publishes and listens to the dead-letter and alert topics.
/// </summary>
internal sealed class WorkerHarness : IAsyncDisposable
{
    private readonly IMqttClient _device = new MqttClientFactory().CreateMqttClient();

    private WorkerHarness(IHost host, Mock<IMeasurementSink> sink, string directory)
    {
        Host = host;
        Sink = sink;
        Directory = directory;
    }

    public IHost Host { get; }

    public Mock<IMeasurementSink> Sink { get; }

    public string Directory { get; }

    public ConcurrentQueue<ClassifiedBeat> Beats { get; } = new();

    public ConcurrentQueue<DeadLetterMessage> DeadLetters { get; } = new();

    public ConcurrentQueue<AlertMessage> AlertsOnMqtt { get; } = new();

    public static async Task<WorkerHarness> StartAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "atd-worker-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var checkpoint = Path.Combine(directory, "beats.ckpt");
        RandomCheckpoint.WriteArrhythmia(checkpoint);
        var settings = new Dictionary<string, string?>
        {
            ["Mqtt:Port"] = "0",
            ["Mqtt:ClientId"] = "worker-under-test",
            ["Metrics:Port"] = "0",
            ["Inference:BeatCheckpoint"] = checkpoint,
            ["Pipeline:PairingTimeout"] = "00:00:00.500",
            // The test messages are stamped at a fixed date; the clock window has its own test.
            ["Pipeline:MaxClockSkew"] = "3650.00:00:00",
            ["Recording:Enabled"] = "true",
            ["Recording:Directory"] = Path.Combine(directory, "recordings"),
        };
        configure?.Invoke(settings);

        var sink = new Mock<IMeasurementSink>();
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddSingleton(sink.Object);
        builder.Services.AddAtdWorker(builder.Configuration);
        var harness = new WorkerHarness(builder.Build(), sink, directory);
        harness.Host.Services.GetRequiredService<IMonitoringFeed>().Beats.Subscribe(harness.Beats.Enqueue);
        try
        {
            await harness.Host.StartAsync();
            await harness.ConnectDeviceAsync();
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    public Task PublishAsync(EcgWindow window) => PublishAsync(AtdTopics.Ecg(window.Bed), WireCodec.Encode(window));

    public Task PublishAsync(SensorReading reading) => PublishAsync(AtdTopics.Reading(reading.Sensor), WireCodec.Encode(reading));

    public Task PublishAsync(SpectrogramWindow image) => PublishAsync(AtdTopics.Spectrogram(image.Bed), WireCodec.Encode(image));

    public async Task PublishAsync(string topic, byte[] payload) =>
        await _device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    /// <summary>Waits until <paramref name="done"/> holds, or fails after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Stops the host (draining the pipeline) while the device is still connected.</summary>
    public Task StopAsync() => Host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        if (_device.IsConnected)
        {
            try
            {
                await _device.DisconnectAsync();
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // The test stopped the host, and the embedded broker with it, before the device noticed.
            }
        }

        _device.Dispose();
        Host.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private async Task ConnectDeviceAsync()
    {
        var connection = Host.Services.GetRequiredService<MqttConnection>();
        await connection.WaitConnectedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var endpoint = Host.Services.GetRequiredService<BrokerEndpoint>();
        _device.ApplicationMessageReceivedAsync += e =>
        {
            var payload = e.ApplicationMessage.Payload.ToArray();
            if (e.ApplicationMessage.Topic == AtdTopics.DeadLetter)
            {
                DeadLetters.Enqueue(JsonWireCodec.DecodeDeadLetter(payload));
            }
            else
            {
                AlertsOnMqtt.Enqueue(JsonWireCodec.DecodeAlert(payload));
            }

            return Task.CompletedTask;
        };
        await _device.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(endpoint.Host, endpoint.Port).WithClientId("device-under-test").Build());
        await _device.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(AtdTopics.DeadLetter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .WithTopicFilter(f => f.WithTopic("atd/v1/+/alert").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build());
    }
}
