using AtdMonitor.Integration.Tests.Fixtures;
using AtdMonitor.Integration.Tests.Support;
using AtdMonitor.Integration.Tests.Worker;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.TestSupport;

namespace AtdMonitor.Integration.Tests.Reliability;

/// <summary>A retained hostile message on the broker must not poison a worker that starts after it.</summary>
[Collection(SharedServers.Name)]
public sealed class RetainedPoisonTests(SecureMosquittoFixture mosquitto, VictoriaMetricsFixture victoria)
{
    [Fact]
    public async Task A_worker_started_after_a_retained_hostile_window_never_sees_it_and_monitors_the_other_beds()
    {
        await using var attacker = await MqttTestClient.ConnectAsync(mosquitto.Server.CreateClientOptions("retained-attacker", mosquitto.Device).Build());
        var poison = WireCodec.Encode(new EcgWindow("retained-poison", 1_000_000_000_000, DateTimeOffset.UtcNow.AddHours(12), 360, 2, EcgUnits.Millivolts, new float[720]));
        await attacker.PublishAsync(AtdTopics.Ecg("retained-poison"), poison, retain: true);
        await attacker.PublishAsync(AtdTopics.Spectrogram("retained-garbage"), new byte[] { 0xde, 0xad }, retain: true);
        try
        {
            await using var worker = await new WorkerSettings(mosquitto.Server, victoria.Server, "retained-worker") { Credentials = mosquitto.Worker }.StartWorkerAsync();
            await using var valid = await BedPublisher.ConnectAsync(mosquitto.Server, "retained-valid", new SyntheticEcg(90, seconds: 20), mosquitto.Device);
            await valid.PublishAsync(0, 20);

            var expected = valid.Ecg.ExpectedBeats(0, 20);
            Assert.Equal(expected, await StoredResults.BeatSamplesAsync(victoria.Server, valid.Bed, expected.Count));
            var health = worker.Health;
            Assert.Equal((0L, 1), (health.Rejects, health.ActiveBeds));
            Assert.Null(worker.Failure);
        }
        finally
        {
            // An empty retained message deletes the retained one: the broker is shared with other tests.
            await attacker.PublishAsync(AtdTopics.Ecg("retained-poison"), ReadOnlyMemory<byte>.Empty, retain: true);
            await attacker.PublishAsync(AtdTopics.Spectrogram("retained-garbage"), ReadOnlyMemory<byte>.Empty, retain: true);
        }
    }
}
