using System.Diagnostics;
using AtdMonitor.Integration.Tests.Fixtures;
using AtdMonitor.Integration.Tests.Support;
using AtdMonitor.Integration.Tests.Worker;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.TestSupport;
using Xunit.Abstractions;

namespace AtdMonitor.Integration.Tests.Reliability;

/// <summary>Per-bed state is released when beds go idle: 20,000 bed ids that each send one window, then silence.</summary>
[Collection(RunsAlone.Name)]
public sealed class BedMemoryTests(ITestOutputHelper output)
{
    private const int Beds = 20_000;

    /// <summary>What may stay on the managed heap once every bed is evicted, beyond the baseline before the first one.</summary>
    private const long RetainedBound = 32L * 1024 * 1024;

    [Fact]
    public async Task Twenty_thousand_bed_ids_are_evicted_once_idle_and_the_heap_returns_to_within_32_MB_of_its_baseline()
    {
        await using var broker = await TestSupport.MosquittoServer.StartAsync();
        await using var store = await TestSupport.VictoriaMetricsServer.StartAsync();
        var settings = new WorkerSettings(broker, store, "bed-memory-worker")
        {
            Overrides = new Dictionary<string, string>
            {
                ["Pipeline:EvictIdleBedsAfter"] = "00:00:10",
                ["Pipeline:MaxBeds"] = "30000",
                ["Pipeline:QueueCapacity"] = "40000",
                ["Alerts:BedSilent:Enabled"] = "false",
            },
        };
        await using var worker = await settings.StartWorkerAsync();
        await using var device = await MqttTestClient.ConnectAsync(broker.CreateClientOptions("bed-memory-device").Build());
        var (baselineHeap, baselineRss) = Measure();

        var window = new EcgWindow("x", 0, DateTimeOffset.UtcNow, 360, 2, EcgUnits.Millivolts, new SyntheticEcg(70, 1).WindowSamples(0));
        for (var bed = 0; bed < Beds; bed++)
        {
            var id = $"memory-bed-{bed:D5}";
            await device.PublishAsync(AtdTopics.Ecg(id), WireCodec.Encode(window with { Bed = id }));
        }

        await Eventually.Until(() => worker.Health.Paired + worker.Health.ImageMissing >= Beds, TimeSpan.FromSeconds(120), $"{Beds} windows processed");
        var (activeHeap, activeRss) = Measure();
        var active = worker.Health.ActiveBeds;
        // A liveness bound, not a speed target: at a load average of 80 the 20,000 idle timers took more than 120 s.
        await Eventually.Until(() => worker.Health.ActiveBeds == 0, TimeSpan.FromSeconds(600), "every bed evicted");
        var (idleHeap, idleRss) = Measure();

        output.WriteLine($"beds {Beds}: heap {Mb(baselineHeap)} -> {Mb(activeHeap)} with {active} active -> {Mb(idleHeap)} after eviction; "
            + $"RSS {Mb(baselineRss)} -> {Mb(activeRss)} -> {Mb(idleRss)}; per active bed {(activeHeap - baselineHeap) / Math.Max(1, active) / 1024.0:F1} KB heap");
        Assert.Equal(Beds, worker.Health.BedsEvicted);
        Assert.InRange(idleHeap - baselineHeap, long.MinValue, RetainedBound);
    }

    private static (long Heap, long Rss) Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024.0):F0} MB";
}
