using System.Buffers;
using System.Collections.Concurrent;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Sink;
using AtdMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using MQTTnet;
using MQTTnet.Protocol;

namespace AtdMonitor.Streaming.Tests.Support;

/// <summary>
/// The worker in process (<see cref="InProcessWorker"/>) on its embedded broker (a free port), with a random checkpoint,
/// recording on, a Moq sink that collects what is written, and a device-side MQTT client that publishes and listens to
/// the dead-letter and alert topics.
/// </summary>
internal sealed class WorkerHarness : IAsyncDisposable
{
    private readonly IMqttClient _device = new MqttClientFactory().CreateMqttClient();

    private WorkerHarness(InProcessWorker worker, Mock<IMeasurementSink> sink, string directory)
    {
        Worker = worker;
        Sink = sink;
        Directory = directory;
    }

    public InProcessWorker Worker { get; }

    public Mock<IMeasurementSink> Sink { get; }

    public string Directory { get; }

    public ConcurrentQueue<ClassifiedBeat> Beats => Worker.Beats;

    public ConcurrentQueue<DeadLetterMessage> DeadLetters { get; } = new();

    public ConcurrentQueue<AlertMessage> AlertsOnMqtt { get; } = new();

    public static async Task<WorkerHarness> StartAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "atd-worker-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var checkpoint = Path.Combine(directory, "beats.ckpt");
        RandomCheckpoint.WriteArrhythmia(checkpoint);
        var settings = TestWorkers.Settings(checkpoint);
        settings["Mqtt:Port"] = "0";
        settings["Mqtt:ClientId"] = "worker-under-test";
        settings["Recording:Enabled"] = "true";
        settings["Recording:Directory"] = Path.Combine(directory, "recordings");
        configure?.Invoke(settings);

        var sink = new Mock<IMeasurementSink>();
        var harness = new WorkerHarness(TestWorkers.Create(settings, sink), sink, directory);
        try
        {
            await harness.Worker.StartAsync();
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

    /// <summary>Stops the worker (draining the pipeline) while the device is still connected.</summary>
    public Task StopAsync() => Worker.StopAsync();

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
        await Worker.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private async Task ConnectDeviceAsync()
    {
        var endpoint = Worker.Services.GetRequiredService<BrokerEndpoint>();
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
