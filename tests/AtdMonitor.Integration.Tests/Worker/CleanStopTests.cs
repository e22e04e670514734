using System.Collections.Concurrent;
using AtdMonitor.Integration.Tests.Support;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.TestSupport;

namespace AtdMonitor.Integration.Tests.Worker;

/// <summary>What a clean stop leaves in the worker's persistent session on the broker (docs/RELIABILITY.md, "Delivery model").</summary>
public sealed class CleanStopTests
{
    private const string WorkerId = "clean-stop-worker";
    private const int Beds = 6;
    /// <summary>Two minutes of windows at the pace below: the devices must outlast three starts and stops on a loaded
    /// machine (with 24 s of them, a CI run's second worker found the devices done and the session nearly empty).</summary>
    private const int WindowsPerBed = 6000;
    private const int Runs = 3;
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    /// <summary>Five windows a device at most every 0.1 s: 300 windows a second from the ward, outlasting three restarts.</summary>
    private static readonly TimeSpan PublishPace = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The worker is stopped three times while six devices publish 300 windows a second between them, so windows keep
    /// arriving during each stop, and started again on the same session; the devices stop after the last run. Whatever a run processed must be acknowledged
    /// on the broker before it leaves: no window is processed by two runs, and none that was processed is left in the
    /// session. Before the fix most stops lost their last acknowledgements (hundreds of them): MQTTnet closed the socket
    /// with a reset before mosquitto had read them.
    /// </summary>
    [Fact]
    public async Task A_clean_stop_under_load_acknowledges_every_window_whose_results_were_stored()
    {
        await using var broker = await MosquittoServer.StartAsync();
        await using var store = await VictoriaMetricsServer.StartAsync();
        var devices = new List<BedPublisher>();
        try
        {
            for (var i = 0; i < Beds; i++)
            {
                devices.Add(await BedPublisher.ConnectAsync(broker, $"clean-stop-{i}", new SyntheticEcg(60 + (10 * i), seconds: WindowsPerBed)));
            }

            var runsThatProcessed = new Dictionary<(string Bed, long Sequence), int>();
            using var endOfStream = new CancellationTokenSource();
            var publishing = Task.WhenAll(devices.Select(d => PublishUntilAsync(d, endOfStream.Token)));
            for (var run = 0; run < Runs; run++)
            {
                var processed = new ConcurrentDictionary<(string Bed, long Sequence), bool>();
                await using (var worker = InProcessWorker.Create(new WorkerSettings(broker, store, WorkerId).ToConfiguration()))
                {
                    // Watching from before the start: a restarted worker processes what the broker kept for it at once.
                    using var watching = worker.Feed.Windows.Subscribe(w => processed.TryAdd((w.Bed, w.Sequence), true));
                    await worker.StartAsync();
                    await Eventually.Until(() => processed.Count >= 60, TimeSpan.FromSeconds(60), $"run {run} to process 60 windows");
                    await worker.StopAsync();
                }

                foreach (var window in processed.Keys)
                {
                    runsThatProcessed[window] = runsThatProcessed.GetValueOrDefault(window) + 1;
                }
            }

            Assert.False(publishing.IsCompleted, "the devices should still have been publishing when the worker last stopped");
            await endOfStream.CancelAsync();
            await publishing;
            var left = (await TakeSessionAsync(broker)).Select(m => (Message: WireCodec.Decode(m.Payload), m.Duplicate)).ToList();

            var processedTwice = runsThatProcessed.Count(w => w.Value > 1);
            var processedAndLeft = left.Where(m => m.Message is EcgWindow ecg && runsThatProcessed.ContainsKey((ecg.Bed, ecg.Sequence))).ToList();
            Assert.True(processedTwice == 0 && processedAndLeft.Count == 0,
                $"of the {runsThatProcessed.Count} windows processed, {processedTwice} were processed by two runs and {processedAndLeft.Count} " +
                $"were delivered again after the last stop ({processedAndLeft.Count(m => m.Duplicate)} of them flagged DUP; {left.Count} messages were left in all)");
        }
        finally
        {
            foreach (var device in devices)
            {
                await device.DisposeAsync();
            }
        }
    }

    /// <summary>Publishes the device's windows in order, five at a time, until cancelled.</summary>
    private static async Task PublishUntilAsync(BedPublisher device, CancellationToken cancellationToken)
    {
        for (var window = 0; window < WindowsPerBed && !cancellationToken.IsCancellationRequested; window += 5)
        {
            var pace = Task.Delay(PublishPace, CancellationToken.None);
            await device.PublishAsync(window, window + 5);
            await pace;
        }
    }

    /// <summary>Connects as the worker would, to its session, and takes everything the broker kept for it.</summary>
    private static async Task<IReadOnlyCollection<ReceivedMessage>> TakeSessionAsync(MosquittoServer broker)
    {
        await using var session = await MqttTestClient.ConnectAsync(broker.CreateClientOptions(WorkerId)
            .WithCleanStart(false).WithSessionExpiryInterval(3600).WithReceiveMaximum(ushort.MaxValue).Build());
        var count = -1;
        while (session.Received.Count != count)
        {
            count = session.Received.Count;
            await Task.Delay(Quiet);
        }

        return session.Received;
    }
}
