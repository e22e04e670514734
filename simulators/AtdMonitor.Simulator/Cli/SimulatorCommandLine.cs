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
            var sensors = parseResult.GetValue(options.Sensors);
            var duration = parseResult.GetValue(options.Duration);
            var interval = parseResult.GetValue(options.ReadingInterval);
            var broker = options.GetBroker(parseResult);
            if (!(interval > 0))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--reading-interval must be a positive number of seconds (got {interval})."));
            }

            if (parseResult.GetValue(options.SensorsOnly))
            {
                return await RunSensorsOnlyAsync(options, parseResult, data, sensors, duration, interval, broker, cancellationToken).ConfigureAwait(false);
            }

            var library = new RecordLibrary(Path.Combine(data, "mitdb"));
            var records = RecordSelection.Parse(parseResult.GetValue(options.Records), library);
            var beds = parseResult.GetValue(options.Beds);
            var plan = BedPlan.Create(library, records, beds > 0 ? beds : records.Count, TimeSpan.FromSeconds(parseResult.GetValue(options.BedOffset)));
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
                LeadsOff = options.GetLeadsOff(parseResult),
            };
            replay.Validate();

            await using var publisher = await MqttMessagePublisher.ConnectAsync(broker, cancellationToken).ConfigureAwait(false);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"atd-sim: {plan.Count} beds on {records.Count} records, {replay.Windows} s each, {(replay.AsFastAsPossible ? "as fast as possible" : $"{replay.Speed}x real time")}, to {broker.Host}:{broker.Port} (QoS {broker.QualityOfService})."));
            using var engine = new ReplayEngine(plan, publisher, replay);
            var tasks = new List<Task> { engine.RunAsync(cancellationToken) };
            SensorReplayer? sensorReplayer = null;
            if (sensors > 0)
            {
                var (table, sensorReplay) = SensorReplay(options, parseResult, data, sensors, replay.Windows, interval);
                sensorReplayer = new SensorReplayer(table, publisher, sensorReplay);
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

    /// <summary><c>--sensors-only</c>: the ETT readings alone, <c>--duration</c> / <c>--reading-interval</c> per sensor.</summary>
    private static async Task<int> RunSensorsOnlyAsync(SimulatorOptions options, ParseResult parseResult, string data, int sensors, int duration, double interval,
        BrokerConnectionOptions broker, CancellationToken cancellationToken)
    {
        if (sensors < 1)
        {
            throw new ArgumentException("--sensors-only needs --sensors N (at least 1).");
        }

        if (parseResult.GetValue(options.Truth) || parseResult.GetValue(options.Beds) != 0)
        {
            throw new ArgumentException("--sensors-only sends no beds: leave out --beds and --truth.");
        }

        var (table, replay) = SensorReplay(options, parseResult, data, sensors, duration, interval);
        await using var publisher = await MqttMessagePublisher.ConnectAsync(broker, cancellationToken).ConfigureAwait(false);
        var replayer = new SensorReplayer(table, publisher, replay);
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"atd-sim: {sensors} sensors, no beds, {replay.Readings} readings each, to {broker.Host}:{broker.Port} (QoS {broker.QualityOfService})."));
        var clock = Stopwatch.StartNew();
        await replayer.RunAsync(cancellationToken).ConfigureAwait(false);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Readings: {replayer.Statistics.Published} sent, {replayer.Statistics.Failed} failed, in {clock.Elapsed.TotalSeconds:0.0} s."));
        return 0;
    }

    /// <summary>The ETT replay, checked: <paramref name="seconds"/> / <paramref name="interval"/> readings per sensor (0 seconds: one pass over the table).</summary>
    private static (EttTable Table, SensorReplayOptions Replay) SensorReplay(SimulatorOptions options, ParseResult parseResult, string data, int sensors, int seconds, double interval)
    {
        var table = EttTable.Load(parseResult.GetValue(options.Ett) ?? Path.Combine(data, "ett", "ETTh1.csv"));
        var replay = new SensorReplayOptions
        {
            Sensors = sensors,
            Interval = TimeSpan.FromSeconds(interval),
            Speed = parseResult.GetValue(options.Speed),
            AsFastAsPossible = parseResult.GetValue(options.AsFastAsPossible),
            Readings = seconds > 0 ? (int)Math.Max(1, seconds / interval) : table.RowCount,
            ShardCount = parseResult.GetValue(options.ShardCount),
        };
        replay.Validate();
        return (table, replay);
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
