using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AtdMonitor.Data.Ett;
using AtdMonitor.Data.Paths;
using AtdMonitor.Data.Wfdb;
using AtdMonitor.Simulator.Beds;
using AtdMonitor.Simulator.Publishing;
using AtdMonitor.Simulator.Records;
using AtdMonitor.Simulator.Replay;
using AtdMonitor.Simulator.Sensors;

namespace AtdMonitor.Simulator.Cli;

/// <summary>The <c>atd-sim</c> command: replays MIT-BIH records as beds (and ETT rows as sensors) to an MQTT broker.</summary>
public static class SimulatorCommandLine
{
    public const int FailureExitCode = 2;

    public static RootCommand Create()
    {
        var options = new SimulatorOptions();
        var root = new RootCommand("atd-sim: replays MIT-BIH records as beds (1 s windows of 2 leads, MLII first, with their spectrograms) and ETT rows as sensors over MQTT, at real time or faster, with optional faults.");
        foreach (var option in options.All)
        {
            root.Options.Add(option);
        }

        root.SetAction((parseResult, cancellationToken) => RunAsync(options, parseResult, cancellationToken));
        return root;
    }

    private static async Task<int> RunAsync(SimulatorOptions options, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            var data = DataDirectory.Resolve(parseResult.GetValue(options.Data));
            var library = new RecordLibrary(Path.Combine(data, "mitdb"));
            var records = RecordSelection.Parse(parseResult.GetValue(options.Records), library);
            var beds = parseResult.GetValue(options.Beds);
            var plan = BedPlan.Create(library, records, beds > 0 ? beds : records.Count, TimeSpan.FromSeconds(parseResult.GetValue(options.BedOffset)));
            var duration = parseResult.GetValue(options.Duration);
            var replay = new ReplayOptions
            {
                Speed = parseResult.GetValue(options.Speed),
                AsFastAsPossible = parseResult.GetValue(options.AsFastAsPossible),
                Windows = duration > 0 ? duration : plan.Min(b => b.WindowsPerPass),
                SendTruth = parseResult.GetValue(options.Truth),
                SampleFormat = options.GetFormat(parseResult),
                Faults = options.GetFaults(parseResult),
                MaxInFlight = parseResult.GetValue(options.MaxInFlight),
                ShardCount = parseResult.GetValue(options.ShardCount),
            };
            replay.Validate();
            var sensors = parseResult.GetValue(options.Sensors);
            var broker = options.GetBroker(parseResult);

            await using var publisher = await MqttMessagePublisher.ConnectAsync(broker, cancellationToken).ConfigureAwait(false);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"atd-sim: {plan.Count} beds on {records.Count} records, {replay.Windows} s each, {(replay.AsFastAsPossible ? "as fast as possible" : $"{replay.Speed}x real time")}, to {broker.Host}:{broker.Port} (QoS {broker.QualityOfService})."));
            using var engine = new ReplayEngine(plan, publisher, replay);
            var tasks = new List<Task> { engine.RunAsync(cancellationToken) };
            SensorReplayer? sensorReplayer = null;
            if (sensors > 0)
            {
                var table = EttTable.Load(parseResult.GetValue(options.Ett) ?? Path.Combine(data, "ett", "ETTh1.csv"));
                sensorReplayer = new SensorReplayer(table, publisher, new SensorReplayOptions
                {
                    Sensors = sensors,
                    Interval = TimeSpan.FromSeconds(parseResult.GetValue(options.ReadingInterval)),
                    Speed = replay.Speed,
                    AsFastAsPossible = replay.AsFastAsPossible,
                    Readings = (int)Math.Max(1, replay.Windows / parseResult.GetValue(options.ReadingInterval)),
                    ShardCount = replay.ShardCount,
                });
                tasks.Add(sensorReplayer.RunAsync(cancellationToken));
            }

            var clock = Stopwatch.StartNew();
            await Task.WhenAll(tasks).ConfigureAwait(false);
            output.WriteLine(Summary(engine.Statistics, sensorReplayer?.Statistics, clock.Elapsed));
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("atd-sim: stopped.");
            return FailureExitCode;
        }
        catch (Exception ex) when (ex is ArgumentException or WfdbFormatException or EttFormatException or IOException or TimeoutException)
        {
            error.WriteLine($"atd-sim: {ex.Message}");
            return FailureExitCode;
        }
    }

    /// <summary>One paragraph on what a replay sent.</summary>
    public static string Summary(ReplayStatistics beds, ReplayStatistics? sensors, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(beds);
        var faults = beds.Faults;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Sent {beds.Windows} windows as {beds.Published} messages ({beds.Bytes / 1e6:0.0} MB) in {elapsed.TotalSeconds:0.0} s; {beds.Failed} failed; max lag behind schedule {beds.MaxLag.TotalMilliseconds:0} ms. " +
            $"Faults: {faults.Dropped} dropped, {faults.Duplicated} duplicated, {faults.Reordered} reordered, {faults.Corrupted} corrupted, {faults.DelayedImages} images delayed.");
        return sensors is null ? text : text + string.Create(CultureInfo.InvariantCulture, $" Readings: {sensors.Published} sent, {sensors.Failed} failed.");
    }
}
