using System.Globalization;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Servers;
using AtdMonitor.Streaming.Tests.EndToEnd;
using AtdMonitor.Streaming.Tests.Support;
using AtdMonitor.Tests.Shared;
using AtdMonitor.TestSupport;
using MQTTnet;
using MQTTnet.Protocol;

namespace AtdMonitor.Streaming.Tests.Sharding;

/// <summary>Two workers on one real mosquitto, each subscribed to its shard topics, with beds published as the devices would.</summary>
public sealed class ShardedWorkersTests
{
    private const int Beds = 16;
    private const int Seconds = 24;
    private const int ShardCount = 2;

    [SkippableFact]
    public async Task Every_bed_is_processed_by_exactly_the_worker_of_its_shard()
    {
        MosquittoInstalled.OrSkip();
        using var broker = await MosquittoProcess.StartAsync(new MosquittoProcessOptions());
        var directory = Path.Combine(Path.GetTempPath(), "atd-shards-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var checkpoint = Path.Combine(directory, "beats.ckpt");
            RandomCheckpoint.WriteArrhythmia(checkpoint);
            await using var worker0 = ShardWorker(broker.Port, checkpoint, 0);
            await using var worker1 = ShardWorker(broker.Port, checkpoint, 1);
            await Task.WhenAll(worker0.StartAsync(), worker1.StartAsync());

            var mitdb = Path.Combine(TestData.Samples, "mitdb");
            var records = new[] { "100", "119", "208", "233" }.Select(name => new MitBihWindows(mitdb, name, "unused", Messages.Start)).ToArray();
            var beds = Enumerable.Range(1, Beds).Select(i => string.Create(CultureInfo.InvariantCulture, $"bed-{i:D2}")).ToArray();
            using var device = new MqttClientFactory().CreateMqttClient();
            await device.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("devices").Build());

            // Second by second, every bed publishes its ECG window and spectrogram on its shard topics, as fast as the broker takes them.
            for (var second = 0; second < Seconds; second++)
            {
                for (var b = 0; b < Beds; b++)
                {
                    var record = records[b % records.Length];
                    var ecg = record.Ecg(second) with { Bed = beds[b] };
                    var image = record.Image(second) with { Bed = beds[b] };
                    await PublishAsync(device, TopicSharding.TopicFor(beds[b], TopicKind.Ecg, ShardCount), WireCodec.Encode(ecg));
                    await PublishAsync(device, TopicSharding.TopicFor(beds[b], TopicKind.Spectrogram, ShardCount), WireCodec.Encode(image));
                }
            }

            await WorkerHarness.WaitUntilAsync(
                () => worker0.Beats.Select(b => b.Bed).Union(worker1.Beats.Select(b => b.Bed)).Distinct().Count() == Beds
                    && worker0.Metrics.Snapshot(DateTimeOffset.UtcNow).MessagesIn + worker1.Metrics.Snapshot(DateTimeOffset.UtcNow).MessagesIn == 2 * Beds * Seconds,
                TimeSpan.FromSeconds(60));
            await device.DisconnectAsync();
            await worker0.StopAsync();
            await worker1.StopAsync();

            var beds0 = worker0.Beats.Select(b => b.Bed).ToHashSet();
            var beds1 = worker1.Beats.Select(b => b.Bed).ToHashSet();
            Assert.Empty(beds0.Intersect(beds1));
            Assert.Equal(beds.Order(), beds0.Union(beds1).Order());
            Assert.NotEmpty(beds0);
            Assert.NotEmpty(beds1);
            Assert.Equal(beds.Where(bed => TopicSharding.ShardOf(bed, ShardCount) == 0).Order(), beds0.Order());
            Assert.Equal(2L * Seconds * beds0.Count, worker0.Metrics.Snapshot(DateTimeOffset.UtcNow).MessagesIn);
            Assert.Equal(2L * Seconds * beds1.Count, worker1.Metrics.Snapshot(DateTimeOffset.UtcNow).MessagesIn);
            Assert.Equal(0, worker0.Metrics.Snapshot(DateTimeOffset.UtcNow).Rejects + worker1.Metrics.Snapshot(DateTimeOffset.UtcNow).Rejects);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static InProcessWorker ShardWorker(int brokerPort, string checkpoint, int shard) =>
        TestWorkers.OnBroker(brokerPort, checkpoint, new Dictionary<string, string?>
        {
            ["Mqtt:ClientId"] = string.Create(CultureInfo.InvariantCulture, $"atd-worker-{shard}"),
            ["Sharding:ShardIndex"] = shard.ToString(CultureInfo.InvariantCulture),
            ["Sharding:ShardCount"] = ShardCount.ToString(CultureInfo.InvariantCulture),
        });

    private static async Task PublishAsync(IMqttClient device, string topic, byte[] payload) =>
        await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
}
