using AtdMonitor.TestSupport;
using AtdMonitor.Integration.Tests.Fixtures;
using AtdMonitor.Integration.Tests.Support;
using AtdMonitor.Integration.Tests.Worker;

namespace AtdMonitor.Integration.Tests.Reliability;

/// <summary>
/// At-least-once from broker to store: <c>atd run</c> as its own process, killed with SIGKILL at random moments of a
/// stream and started again, against mosquitto with persistence and a store that, like InfluxDB, keeps one point per
/// series and time (victoria-metrics with deduplication).
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class CrashRecoveryTests
{
    private const int Beds = 3;
    private const int Seconds = 90;
    private const int Kills = 5;

    [Fact]
    public async Task Every_beat_of_a_stream_is_stored_exactly_once_across_five_kills_at_random_moments()
    {
        await using var store = await VictoriaMetricsServer.StartAsync(deduplicate: true);
        await using var broker = await MosquittoServer.StartAsync();
        var publishers = new List<BedPublisher>();
        for (var bed = 0; bed < Beds; bed++)
        {
            publishers.Add(await BedPublisher.ConnectAsync(broker, $"crash-bed-{bed}", new SyntheticEcg(70 + (10 * bed), Seconds, seed: bed + 1)));
        }

        var random = new Random(20261129);
        var cuts = Enumerable.Range(0, Kills).Select(_ => random.Next(5, Seconds - 5)).Order().Append(Seconds).ToList();
        var worker = WorkerProcess.Start(broker, store);
        try
        {
            var published = 0;
            foreach (var cut in cuts)
            {
                await worker.WaitReadyAsync();
                await Task.WhenAll(publishers.Select(p => p.PublishAsync(published, cut)));
                published = cut;
                if (cut < Seconds)
                {
                    // A moment within the processing of what was just published.
                    await Task.Delay(random.Next(0, 1500));
                    worker.Kill();
                    worker.Dispose();
                    worker = WorkerProcess.Start(broker, store);
                }
            }

            // The last windows' beats wait for windows that never come; compare up to two windows before the end.
            const long End = (Seconds - 2) * SyntheticEcg.SampleRate;
            foreach (var publisher in publishers)
            {
                var expected = publisher.Ecg.ExpectedBeats(0, Seconds).Where(sample => sample < End).ToList();
                var stored = await Eventually.Until(
                    async () => (await StoredResults.BeatSamplesAsync(store, publisher.Bed, expected.Count)).Where(sample => sample < End).ToList(),
                    samples => samples.Count >= expected.Count,
                    TimeSpan.FromSeconds(60),
                    $"{expected.Count} beats of {publisher.Bed}");
                Assert.Equal(expected, stored);
            }
        }
        finally
        {
            worker.Dispose();
            foreach (var publisher in publishers)
            {
                await publisher.DisposeAsync();
            }
        }
    }

    /// <summary><c>atd run</c> from the test's output folder, on the test's broker and store, with a persistent session.</summary>
    private sealed class WorkerProcess : IDisposable
    {
        private readonly ChildProcess _process;

        private WorkerProcess(ChildProcess process)
        {
            _process = process;
        }

        public static WorkerProcess Start(MosquittoServer broker, VictoriaMetricsServer store) => new(ChildProcess.Start(Path.Combine(AppContext.BaseDirectory, "atd"),
        [
            "run",
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={broker.Port}", "--Mqtt:ClientId=crash-worker", "--Mqtt:CleanSession=false",
            "--Mqtt:ReconnectMinDelay=00:00:00.100", "--Mqtt:ReconnectMaxDelay=00:00:01",
            $"--Influx:Url={store.Url}", "--Influx:Token=crash-test", "--Influx:Buffer:FlushInterval=00:00:00.100",
            $"--Inference:BeatCheckpoint={BeatCheckpoints.Tiny}", "--Inference:Threads=1",
            "--Metrics:Port=0", "--Recording:Enabled=false", "--Forecasting:Checkpoint=",
        ], AppContext.BaseDirectory));

        public Task<bool> WaitReadyAsync() => Eventually.Until(() => _process.OutputTail.Contains("MQTT connected", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the worker to connect: " + _process.OutputTail);

        public void Kill() => _process.Kill();

        public void Dispose() => _process.Dispose();
    }
}
