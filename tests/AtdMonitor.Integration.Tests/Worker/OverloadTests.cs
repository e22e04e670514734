using AtdMonitor.Integration.Tests.Fixtures;
using AtdMonitor.Integration.Tests.Support;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.TestSupport;
using Xunit.Abstractions;

namespace AtdMonitor.Integration.Tests.Worker;

/// <summary>A producer faster than the model: the worker sheds at its bounded ingest queue, by its policy, and says so.</summary>
[Collection(RunsAlone.Name)]
public sealed class OverloadTests(ITestOutputHelper output)
{
    private const int Beds = 4;
    private const int WindowsPerBed = 400;
    private const long MemoryBoundBytes = 24L * 1024 * 1024; // the flood is about 27 MB of payloads

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
                // One blocking full collection a second: what the worker retains, not the garbage it has not collected yet.
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
        await worker.Sink.FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        // The alerts travel back through the broker on their own: two runs in ten read them before they had arrived.
        await Eventually.Until(() => alerts.Received.Count >= worker.Health.Alerts, TimeSpan.FromSeconds(30), "every alert on the alert topic");
        await sampling.CancelAsync();
        await sampler;

        var health = worker.Health;
        output.WriteLine($"published {Beds * WindowsPerBed * 2} messages in {published.TotalSeconds:0.0} s; dropped {health.Dropped}, beats {health.Beats}, gaps {health.GapWindows}, alerts {health.Alerts}; managed memory {baseline / 1e6:0} MB -> peak {peak / 1e6:0} MB");
        Assert.True(health.Dropped > 0, "the flood should have overrun the 64-message queue");
        Assert.True(health.Beats > 0);
        Assert.True(peak - baseline < MemoryBoundBytes, $"managed memory grew by {(peak - baseline) / 1e6:0} MB");
        var raised = alerts.Received.Select(m => JsonWireCodec.DecodeAlert(m.Payload)).ToList();
        Assert.Contains(raised, a => a is { Bed: "overload-0", Type: "signal_quality" });
        Assert.Equal(health.Alerts, raised.Count);
        Assert.Equal(raised.Count, await StoredResults.AlertCountAsync(store, "overload-*", raised.Count));
    }

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
