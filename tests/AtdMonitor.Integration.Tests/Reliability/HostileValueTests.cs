using AtdMonitor.Integration.Tests.Fixtures;
using AtdMonitor.Integration.Tests.Support;
using AtdMonitor.Integration.Tests.Worker;
using AtdMonitor.TestSupport;

namespace AtdMonitor.Integration.Tests.Reliability;

/// <summary>Numeric values at and beyond every limit, through the real broker, while another bed is monitored. It
/// bounds the test process's managed heap at the end, so it runs alone, with its own broker and store.</summary>
[Collection(RunsAlone.Name)]
public sealed class HostileValueTests(SecureMosquittoFixture mosquitto, VictoriaMetricsFixture victoria)
    : IClassFixture<SecureMosquittoFixture>, IClassFixture<VictoriaMetricsFixture>
{
    /// <summary>The managed heap the worker may hold after the hostile traffic (its baseline with a tiny model is about 40 MB).</summary>
    private const long HeapBound = 200L * 1024 * 1024;

    [Fact]
    public async Task Values_at_and_beyond_every_numeric_limit_never_stop_another_beds_monitoring_and_no_error_escapes()
    {
        var settings = new WorkerSettings(mosquitto.Server, victoria.Server, "hostile-values-worker")
        {
            Credentials = mosquitto.Worker,
            Overrides = new Dictionary<string, string> { ["Pipeline:QueueCapacity"] = "20000", ["Mqtt:DeadLetterQueueCapacity"] = "20000" },
        };
        await using var worker = await settings.StartWorkerAsync();
        await using var attacker = await MqttTestClient.ConnectAsync(mosquitto.Server.CreateClientOptions("hostile-values-attacker", mosquitto.Device).Build());
        await using var valid = await BedPublisher.ConnectAsync(mosquitto.Server, "hostile-values-valid", new SyntheticEcg(100, seconds: 40), mosquitto.Device);
        var hostile = HostileValues.Create(DateTimeOffset.UtcNow);
        Assert.True(hostile.Count > 100, $"{hostile.Count} hostile messages");

        var windows = 0;
        for (var i = 0; i < hostile.Count; i++)
        {
            await attacker.PublishAsync(hostile[i].Topic, hostile[i].Payload);
            if (i % 4 == 0 && windows < valid.Ecg.Windows)
            {
                await valid.PublishAsync(windows, windows + 1);
                windows++;
            }
        }

        await valid.PublishAsync(windows, valid.Ecg.Windows);
        var expected = valid.Ecg.ExpectedBeats(0, valid.Ecg.Windows);
        Assert.Equal(expected, await StoredResults.BeatSamplesAsync(victoria.Server, valid.Bed, expected.Count));

        var health = worker.Health;
        Assert.True(worker.IsConnected);
        Assert.Null(worker.Failure);
        Assert.Equal(0, health.BedFaults);
        Assert.True(health.Rejects > hostile.Count / 2, $"{health.Rejects} of {hostile.Count} rejected");
        Assert.InRange(GC.GetTotalMemory(forceFullCollection: true), 0, HeapBound);
    }
}
