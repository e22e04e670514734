using AtdMonitor.Integration.Tests.Fixtures;
using AtdMonitor.Integration.Tests.Support;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.TestSupport;
using Xunit.Abstractions;

namespace AtdMonitor.Integration.Tests.Worker;

/// <summary>A producer faster than the model: the worker sheds at its bounded ingest queue, by its policy, and says so.</summary>
[Collection(RunsAlone.Name)]
public sealed class OverloadTests(ITestOutputHelper output)
{
    private const int Beds = 4;
    private const int WindowsPerBed = 400;
    // The flood is about 27 MB of payloads. Sampled through the whole processing (not only the publishing), the
    // managed heap grew by 26 to 36 MB in 8 runs: a burst stays resident until its windows are processed and
    // acknowledged. The bound catches what grows with the backlog (twice the flood), not that peak.
    private const long MemoryBoundBytes = 64L * 1024 * 1024;

    [Fact]
    public async Task A_flood_is_shed_at_the_bounded_queue_with_counters_every_alert_is_still_delivered_and_memory_stays_bounded()
    {
        await using var broker = await MosquittoServer.StartAsync();
        await using var store = await VictoriaMetricsServer.StartAsync();
        var settings = new WorkerSettings(broker, store, "overload-worker")
        {
            Overrides = new Dictionary<string, string>
            {
                ["Pipeline:QueueCapacity"] = "16",
                ["Pipeline:MaxPendingBeats"] = "64",
                ["Pipeline:BatchSize"] = "64",
            },
        };
        await using var worker = await settings.StartWorkerAsync();
        using var dump = new LogDump(worker, output);
        await using var alerts = await MqttTestClient.ConnectAsync(broker.CreateClientOptions("overload-alerts").Build());
        await alerts.SubscribeAsync("atd/v1/+/alert");
        var publishers = new List<BedPublisher>();
        for (var bed = 0; bed < Beds; bed++)
        {
            var ecg = bed == 0 ? SyntheticEcg.LeadOff(WindowsPerBed) : new SyntheticEcg(70 + (10 * bed), WindowsPerBed, seed: bed);
            publishers.Add(await BedPublisher.ConnectAsync(broker, $"overload-{bed}", ecg));
        }

        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        var baseline = GC.GetTotalMemory(forceFullCollection: false);
        var peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                // One blocking full collection a second: what the worker retains, not the garbage it has not collected yet,
                // nor the beats the test host keeps for other tests.
                worker.Beats.Clear();
                GC.Collect(2, GCCollectionMode.Forced, blocking: true);
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                await Task.Delay(1000);
            }
        });
        var started = DateTime.UtcNow;
        try
        {
            await Task.WhenAll(publishers.Select(p => p.PublishAsync(0, WindowsPerBed)));
        }
        finally
        {
            foreach (var publisher in publishers)
            {
                await publisher.DisposeAsync();
            }
        }

        var published = DateTime.UtcNow - started;
        await Eventually.Until(
            () => Task.FromResult((worker.Health, ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount)),
            state => state.Health.MessagesIn == Beds * WindowsPerBed * 2 && state.Health.QueueDepth == 0,
            TimeSpan.FromSeconds(90),
            "the worker to take every message off the broker");
        // Taking the messages off the broker is not the end of the work: the windows still go through pairing, beat
        // finding and inference, and the alerts come back through the broker on their own. Reading the counts before
        // then failed runs with no alert yet.
        await Eventually.Until(() => Raised(alerts).Any(a => a is { Bed: "overload-0", Type: "signal_quality" }), TimeSpan.FromSeconds(60),
            "the lead-off bed's signal-quality alert on the alert topic");
        var last = (Beats: -1L, Alerts: -1L, Received: -1);
        var still = 0;
        await Eventually.Until(() =>
        {
            var now = (worker.Health.Beats, worker.Health.Alerts, alerts.Received.Count);
            still = now == last ? still + 1 : 0;
            last = now;
            return still >= 30 && now.Alerts == now.Count; // 30 polls of 100 ms
        }, TimeSpan.FromSeconds(60), "the worker to settle: no new beat or alert for 3 s, every alert on the alert topic");
        await worker.Sink.FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        await sampling.CancelAsync();
        await sampler;

        var health = worker.Health;
        output.WriteLine($"published {Beds * WindowsPerBed * 2} messages in {published.TotalSeconds:0.0} s; dropped {health.Dropped}, beats {health.Beats}, gaps {health.GapWindows}, alerts {health.Alerts}; managed memory {baseline / 1e6:0} MB -> peak {peak / 1e6:0} MB");
        Assert.True(health.Dropped > 0, "the flood should have overrun the 64-message queue");
        Assert.True(health.Beats > 0);
        Assert.True(peak - baseline < MemoryBoundBytes, $"managed memory grew by {(peak - baseline) / 1e6:0} MB");
        var raised = Raised(alerts);
        Assert.Equal(health.Alerts, raised.Count);
        Assert.Equal(raised.Count, await StoredResults.AlertCountAsync(store, "overload-*", raised.Count));
    }

    private static List<AlertMessage> Raised(MqttTestClient alerts) => [.. alerts.Received.Select(m => JsonWireCodec.DecodeAlert(m.Payload))];

    private sealed class LogDump(InProcessWorker worker, ITestOutputHelper output) : IDisposable
    {
        public void Dispose()
        {
            foreach (var entry in worker.Logs.Entries.Where(e => !e.Contains(" Debug:", StringComparison.Ordinal) && !e.Contains("health:", StringComparison.Ordinal)))
            {
                output.WriteLine(entry);
            }
        }
    }
}
