using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Security.Cryptography;
using AtdMonitor.Data.Paths;
using AtdMonitor.Data.Wfdb;
using AtdMonitor.Servers;
using AtdMonitor.Simulator.Beds;
using AtdMonitor.Simulator.Publishing;
using AtdMonitor.Simulator.Records;
using AtdMonitor.Simulator.Replay;
using AtdMonitor.Training.Reports;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// <c>atd bench pipeline</c>: N beds at real time (one 360-sample window and one image per bed per second) through a
/// broker (embedded MQTTnet or mosquitto) into one in-process worker; reports whether the worker keeps up (no growing
/// queue, nothing dropped), latency from a window's hand-over to its beats' predictions being written (p50/p99),
/// process CPU and memory, and how much of the CPU inference takes.
/// </summary>
internal static class BenchPipelineCommand
{
    public static Command Create()
    {
        var beds = new Option<int[]>("--beds") { Description = "Bed counts to run, one run each (e.g. --beds 500 1000 2000).", Required = true, AllowMultipleArgumentsPerToken = true };
        var broker = new Option<string>("--broker") { Description = "embedded (MQTTnet inside the worker) or mosquitto.", DefaultValueFactory = _ => "embedded" };
        var mosquitto = new Option<string>("--mosquitto") { Description = "The mosquitto executable.", DefaultValueFactory = _ => MosquittoProcess.DefaultExecutable };
        var seconds = new Option<int>("--seconds") { Description = "Measured seconds per run (after the warm-up).", DefaultValueFactory = _ => 60 };
        var warmup = new Option<int>("--warmup") { Description = "Seconds replayed before measuring.", DefaultValueFactory = _ => 15 };
        var records = new Option<string>("--records") { Description = "Records the beds replay: DS1, DS2, all, nonpaced or names.", DefaultValueFactory = _ => "nonpaced" };
        var qos = new Option<int>("--qos") { Description = "QoS of the simulator's publishes: 0 or 1.", DefaultValueFactory = _ => 1 };
        var data = new Option<string?>("--data") { Description = "Data folder holding mitdb/ [default: ATD_DATA_DIR, ../shared/data, else samples/]." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = $"Beat classifier checkpoint [default: {DemoCommand.DefaultCheckpoint}]." };
        var settings = new Option<string[]>("--set") { Description = "Worker configuration overrides, Section:Key=value (e.g. Pipeline:BatchSize=512).", AllowMultipleArgumentsPerToken = true };
        var stationViews = new Option<int>("--station-views") { Description = "Central-station views open during the run (clients that read the ward page's live stream as a browser does); 0 leaves the station off.", DefaultValueFactory = _ => 0 };
        var command = new Command("pipeline", "Beds at real time through broker and worker: sustained or not, latency p50/p99, CPU, memory, inference share.")
        {
            beds, broker, mosquitto, seconds, warmup, records, qos, data, checkpoint, settings, stationViews,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var brokerKind = parseResult.GetValue(broker)!;
            if (brokerKind is not ("embedded" or "mosquitto"))
            {
                await error.WriteLineAsync($"atd bench pipeline: --broker must be embedded or mosquitto (got '{brokerKind}').").ConfigureAwait(false);
                return 2;
            }

            var path = parseResult.GetValue(checkpoint) is { } given
                ? Path.GetFullPath(given)
                : Path.Combine(DataDirectory.FindRepositoryRoot() ?? Directory.GetCurrentDirectory(), DemoCommand.DefaultCheckpoint);
            if (!File.Exists(path))
            {
                await error.WriteLineAsync($"atd bench pipeline: the beat classifier checkpoint {path} is missing; produce it with '{DemoCommand.TrainCommandLine}' or pass --checkpoint PATH.").ConfigureAwait(false);
                return 2;
            }

            RecordLibrary library;
            IReadOnlyList<string> names;
            try
            {
                library = new RecordLibrary(Path.Combine(DataDirectory.Resolve(parseResult.GetValue(data)), "mitdb"));
                names = RecordSelection.Parse(parseResult.GetValue(records), library);
            }
            catch (Exception ex) when (ex is IOException or ArgumentException)
            {
                await error.WriteLineAsync($"atd bench pipeline: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var setting in parseResult.GetValue(settings) ?? [])
            {
                var parts = setting.Split('=', 2);
                if (parts.Length != 2)
                {
                    await error.WriteLineAsync($"atd bench pipeline: --set {setting}: expected Section:Key=value.").ConfigureAwait(false);
                    return 2;
                }

                overrides[parts[0]] = parts[1];
            }

            var views = parseResult.GetValue(stationViews);
            if (views is < 0 or > 100)
            {
                await error.WriteLineAsync($"atd bench pipeline: --station-views must be between 0 and 100 (got {views}).").ConfigureAwait(false);
                return 2;
            }

            var table = new MarkdownTable("Beds:", "Broker", "Station views:", "Sustained", "Msgs in / s:", "Beats / s:", "Beats due / s:", "p50 ms:", "p99 ms:", "Latency growth ms:",
                "Queue max:", "Dropped:", "CPU %:", "Broker CPU %:", "Inference CPU %:", "Mean batch:", "Peak RSS MB:", "Alloc MB / s:", "GC pause %:", "Gen2 GCs:", "Sim lag ms:");
            foreach (var count in parseResult.GetValue(beds)!)
            {
                try
                {
                    var run = new CapacityRun(library, names, count, brokerKind, parseResult.GetValue(mosquitto)!, parseResult.GetValue(seconds), parseResult.GetValue(warmup),
                        parseResult.GetValue(qos), path, overrides, views);
                    var result = await run.ExecuteAsync(output, cancellationToken).ConfigureAwait(false);
                    table.AddRow(result);
                    await output.WriteLineAsync(table.ToString()).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is WfdbFormatException or IOException or InvalidOperationException or TimeoutException)
                {
                    await error.WriteLineAsync($"atd bench pipeline: {count} beds: {ex.Message}").ConfigureAwait(false);
                    return 2;
                }
            }

            return 0;
        });
        return command;
    }

    /// <summary>One measured run at one bed count.</summary>
    private sealed class CapacityRun(
        RecordLibrary library, IReadOnlyList<string> records, int beds, string broker, string mosquitto, int seconds, int warmup, int qos, string checkpoint, IReadOnlyDictionary<string, string> overrides,
        int stationViews)
    {
        public async Task<string[]> ExecuteAsync(TextWriter output, CancellationToken cancellationToken)
        {
            var plan = BedPlan.Create(library, records, beds, TimeSpan.FromSeconds(97));
            var windows = warmup + seconds;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{beds} beds on {records.Count} records, {broker} broker, {(GCSettings.IsServerGC ? "server" : "workstation")} GC: preparing...")).ConfigureAwait(false);
            var tracker = new CapacityLatencyTracker(plan, windows);
            var sink = new DemoCapture(keepBeats: false) { BeatPublished = tracker.OnBeatWritten };
            using var mosquittoBroker = broker == "mosquitto" ? await MosquittoProcess.StartAsync(BenchBroker(mosquitto), cancellationToken).ConfigureAwait(false) : null;
            var settings = DemoWorkerHost.EmbeddedSettings("atd-bench-worker", checkpoint, mosquittoBroker?.Port);

            // A backlog must show as a growing queue, not be hidden by the drop-oldest policy.
            settings["Pipeline:QueueCapacity"] = "1000000";
            var stationToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            if (stationViews > 0)
            {
                settings["Station:Enabled"] = "true";
                settings["Station:Urls"] = "http://127.0.0.1:0";
                settings["Station:Token"] = stationToken;
            }

            foreach (var (key, value) in overrides)
            {
                settings[key] = value;
            }

            using var meter = new CapacityInferenceMeter();
            await using var worker = await DemoWorkerHost.StartAsync(settings, sink, cancellationToken).ConfigureAwait(false);
            await using var publisher = await MqttMessagePublisher.ConnectAsync(
                new BrokerConnectionOptions { Host = worker.Broker.Host, Port = worker.Broker.Port, QualityOfService = qos }, cancellationToken).ConfigureAwait(false);
            using var engine = new ReplayEngine(plan, publisher, new ReplayOptions { Windows = windows, Speed = 1 }, tracker);
            await using var viewers = stationViews > 0 ? BenchStationViewers.Start(new Uri(worker.StationAddresses[0]), stationToken, stationViews) : null;
            var process = Process.GetCurrentProcess();
            var samples = new List<(double Seconds, int Queue)>();
            var clock = Stopwatch.StartNew();
            var replay = engine.RunAsync(cancellationToken);
            Measure? start = null;
            while (!replay.IsCompleted)
            {
                await Task.WhenAny(replay, Task.Delay(1000, cancellationToken)).ConfigureAwait(false);
                var health = worker.Metrics.Snapshot(DateTimeOffset.UtcNow);
                samples.Add((clock.Elapsed.TotalSeconds, health.QueueDepth));
                if (start is null && clock.Elapsed.TotalSeconds >= warmup)
                {
                    tracker.IgnoreBefore = Stopwatch.GetTimestamp();
                    start = Take(process, mosquittoBroker, meter, health.MessagesIn, sink.BeatCount);
                }
            }

            await replay.ConfigureAwait(false);
            var endHealth = worker.Metrics.Snapshot(DateTimeOffset.UtcNow);
            var end = Take(process, mosquittoBroker, meter, endHealth.MessagesIn, sink.BeatCount);
            start ??= end;
            var (viewBytes, viewFrames, viewSeconds) = (viewers?.Bytes ?? 0, viewers?.Frames ?? 0, viewers?.StreamingSeconds ?? 0);
            await worker.DrainAndStopAsync(engine.Statistics.Published, TimeSpan.FromSeconds(30)).ConfigureAwait(false);

            var wall = (end.Wall - start.Wall).TotalSeconds;
            var queueMax = samples.Where(s => s.Seconds >= warmup).Select(s => s.Queue).DefaultIfEmpty(0).Max();
            var received = (end.MessagesIn - start.MessagesIn) / wall;
            var due = tracker.ExpectedBeats(warmup, windows) / (double)seconds;
            var p99 = tracker.Percentile(0.99);
            var growth = tracker.MedianGrowth(TimeSpan.FromSeconds(5));
            var sustained = endHealth.Dropped == 0 && growth <= 100 && received >= 0.98 * 2 * beds && p99 <= 250 && engine.Statistics.MaxLag < TimeSpan.FromSeconds(1);
            var batches = end.Batches - start.Batches;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{beds} beds: {(sustained ? "sustained" : "NOT sustained")}; {tracker.Count} beats timed ({tracker.Unknown} untimed); median latency grew {growth:0} ms over the run; replay max lag {engine.Statistics.MaxLag.TotalMilliseconds:0} ms.")).ConfigureAwait(false);
            if (stationViews > 0)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{stationViews} station views of 24 beds: {viewFrames / viewSeconds / stationViews:0.0} events/s and {viewBytes / viewSeconds / stationViews / 1000:0} kB/s each over {viewSeconds:0} s of streaming.")).ConfigureAwait(false);
            }
            return
            [
                MarkdownTable.Count(beds), broker, MarkdownTable.Count(stationViews), sustained ? "yes" : "no", MarkdownTable.Number(received, 0), MarkdownTable.Number((end.Beats - start.Beats) / wall, 0),
                MarkdownTable.Number(due, 0), MarkdownTable.Number(tracker.Percentile(0.5), 1), MarkdownTable.Number(p99, 1), MarkdownTable.Number(growth, 0),
                MarkdownTable.Count(queueMax), MarkdownTable.Count(endHealth.Dropped),
                MarkdownTable.Number(100 * (end.Cpu - start.Cpu).TotalSeconds / wall, 0),
                mosquittoBroker is null ? "in process" : MarkdownTable.Number(100 * (end.BrokerCpu - start.BrokerCpu).TotalSeconds / wall, 0),
                MarkdownTable.Number(100 * (end.InferenceMilliseconds - start.InferenceMilliseconds) / 1000 / wall, 0),
                MarkdownTable.Number(batches == 0 ? double.NaN : (double)(end.BatchedBeats - start.BatchedBeats) / batches, 1),
                MarkdownTable.Number(process.PeakWorkingSet64 / 1e6, 0), MarkdownTable.Number((end.AllocatedBytes - start.AllocatedBytes) / 1e6 / wall, 0),
                MarkdownTable.Number(100 * (end.GcPause - start.GcPause).TotalSeconds / wall, 1), MarkdownTable.Count(end.Gen2Collections - start.Gen2Collections),
                MarkdownTable.Number(engine.Statistics.MaxLag.TotalMilliseconds, 0),
            ];
        }

        /// <summary>Queues large enough that mosquitto never drops for the worker.</summary>
        private static MosquittoProcessOptions BenchBroker(string executable) => new()
        {
            Executable = executable,
            MaxQueuedMessages = 1_000_000,
            Configuration = ["max_inflight_messages 1000", "max_queued_bytes 0"],
        };

        private static Measure Take(Process process, MosquittoProcess? broker, CapacityInferenceMeter meter, long messagesIn, long beats)
        {
            process.Refresh();
            var (milliseconds, batches, batched) = meter.Read();
            // Seconds as a double: timestamp × ticks per second overflows a long after a few hours of uptime.
            return new Measure(TimeSpan.FromSeconds(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency), process.TotalProcessorTime,
                broker?.ProcessorTime ?? TimeSpan.Zero, milliseconds, batches, batched, messagesIn, beats,
                GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), GC.CollectionCount(2));
        }
    }

    private sealed record Measure(TimeSpan Wall, TimeSpan Cpu, TimeSpan BrokerCpu, double InferenceMilliseconds, long Batches, long BatchedBeats, long MessagesIn, long Beats,
        long AllocatedBytes, TimeSpan GcPause, int Gen2Collections);
}
