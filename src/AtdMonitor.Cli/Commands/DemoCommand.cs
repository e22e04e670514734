using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using AtdMonitor.Data.Paths;
using AtdMonitor.Data.Wfdb;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Simulator.Beds;
using AtdMonitor.Simulator.Publishing;
using AtdMonitor.Simulator.Records;
using AtdMonitor.Simulator.Replay;
using AtdMonitor.Streaming.Configuration;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// <c>atd demo</c>: the whole system in one process on embedded defaults: the MQTTnet broker, the worker with the
/// shipped beat classifier, and the simulator replaying the bundled MIT-BIH samples (one bed per record) faster than
/// real time. Alerts print as they happen; a summary table ends the run.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The checkpoint the demo runs, relative to the repository root.</summary>
    public const string DefaultCheckpoint = "models/arrhythmia-atd.ckpt";

    /// <summary>The command that writes <see cref="DefaultCheckpoint"/>.</summary>
    public const string TrainCommandLine = "./atd train --task arrhythmia --variant atd --split inter";

    public static Command Create()
    {
        var duration = new Option<double>("--duration") { Description = "Wall-clock seconds of replay.", DefaultValueFactory = _ => 60 };
        var speed = new Option<double>("--speed") { Description = "Times real time (20 = 20 s of ECG per second).", DefaultValueFactory = _ => 20 };
        var beds = new Option<int>("--beds") { Description = "Beds (the bundled records, reused with offsets when more) [default: one per record]." };
        var data = new Option<string?>("--data") { Description = "Data folder holding mitdb/ [default: the bundled samples/]." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = $"Beat classifier checkpoint [default: {DefaultCheckpoint}]." };
        var station = new Option<string>("--station") { Description = "Where the central station listens (Station:Urls), or off.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var command = new Command("demo", "Runs broker, simulator and worker on the bundled records with embedded defaults, prints live alerts and a summary; the central station shows the ward in a browser.")
        {
            duration, speed, beds, data, checkpoint, station,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new DemoSettings(parseResult.GetValue(duration), parseResult.GetValue(speed), parseResult.GetValue(beds), parseResult.GetValue(data), parseResult.GetValue(checkpoint), parseResult.GetValue(station)!),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(DemoSettings settings, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        var checkpoint = ResolveCheckpoint(settings.Checkpoint);
        if (!File.Exists(checkpoint))
        {
            await Console.Error.WriteLineAsync($"atd demo: the beat classifier checkpoint {checkpoint} is missing; produce it with '{TrainCommandLine}' (writes {DefaultCheckpoint}), or pass --checkpoint PATH.");
            return 2;
        }

        var folder = settings.Data ?? DataDirectory.Samples;
        var mitdb = folder is null ? null : Path.Combine(folder, "mitdb");
        if (mitdb is null || !Directory.Exists(mitdb))
        {
            await Console.Error.WriteLineAsync($"atd demo: no MIT-BIH records found ({mitdb ?? "samples/ not found"}); run from the repository, or pass --data DIR with a mitdb/ folder.");
            return 2;
        }

        if (settings.Duration <= 0 || settings.Speed <= 0)
        {
            await Console.Error.WriteLineAsync("atd demo: --duration and --speed must be positive.");
            return 2;
        }

        IReadOnlyList<BedAssignment> plan;
        try
        {
            var library = new RecordLibrary(mitdb);
            var records = library.ListRecords();
            plan = BedPlan.Create(library, records, settings.Beds > 0 ? settings.Beds : records.Count, TimeSpan.FromSeconds(97));
        }
        catch (Exception ex) when (ex is WfdbFormatException or IOException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"atd demo: {ex.Message}");
            return 2;
        }

        var windows = (int)Math.Min(plan.Min(b => b.WindowsPerPass), Math.Ceiling(settings.Duration * settings.Speed));
        var sink = new DemoCapture();
        var origin = DateTimeOffset.UtcNow;
        var tracker = new CapacityLatencyTracker(plan, windows);
        sink.BeatPublished = tracker.OnBeatWritten;
        sink.AlertPublished = alert => PrintAlert(console, alert, origin);

        console.MarkupLineInterpolated($"[bold]AtdMonitor demo[/]: {plan.Count} beds ({string.Join(", ", plan.Select(b => $"{b.Bed}={b.Record.Name}"))}), {windows} s of ECG each at {settings.Speed}x; checkpoint {checkpoint}.");
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        DemoWorkerHost worker;
        try
        {
            worker = await DemoWorkerHost.StartAsync(WorkerSettings(checkpoint, settings.Station, token), sink, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OptionsValidationException or WorkerStartException)
        {
            console.MarkupLineInterpolated($"[red]atd demo: {(ex is OptionsValidationException invalid ? string.Join(" ", invalid.Failures) : ex.Message)}[/]");
            return 2;
        }

        await using var workerScope = worker;
        foreach (var address in worker.StationAddresses)
        {
            console.MarkupLineInterpolated($"Central station: [bold link]{address}/?token={token}[/] (open it in a browser while the demo runs)");
        }

        ReplayStatistics statistics;
        await using (var publisher = await MqttMessagePublisher.ConnectAsync(new BrokerConnectionOptions { Host = worker.Broker.Host, Port = worker.Broker.Port }, cancellationToken).ConfigureAwait(false))
        {
            using var engine = new ReplayEngine(plan, publisher, new ReplayOptions { Windows = windows, Speed = settings.Speed, Origin = origin }, tracker);
            try
            {
                await engine.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                console.MarkupLine("[yellow]Stopped; summarising what was sent.[/]");
            }

            statistics = engine.Statistics;
        }

        await worker.DrainAndStopAsync(statistics.Published, TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        console.Write(SummaryTable(plan, sink));
        var health = worker.Metrics.Snapshot(DateTimeOffset.UtcNow);
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"Messages: {statistics.Published} sent, {health.MessagesIn} received, {health.Rejects} rejected, {health.Dropped} dropped; windows paired {health.Paired}, without image {health.ImageMissing}. Beats {sink.BeatCount}, alerts {sink.Alerts.Count}.");
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"Latency from window hand-over to prediction written: p50 {tracker.Percentile(0.5):0.0} ms, p99 {tracker.Percentile(0.99):0.0} ms over {tracker.Count} beats.");
        return 0;
    }

    /// <summary>The worker on embedded defaults, without its client's "disconnected, reconnecting" at the demo's own shutdown.</summary>
    private static Dictionary<string, string> WorkerSettings(string checkpoint, string station, string token)
    {
        var settings = DemoWorkerHost.EmbeddedSettings("atd-demo-worker", checkpoint);
        settings["Logging:LogLevel:AtdMonitor.Streaming.Ingest.MqttConnection"] = "Error";
        if (station != "off")
        {
            settings["Station:Enabled"] = "true";
            settings["Station:Urls"] = station;
            settings["Station:Token"] = token;
        }

        return settings;
    }

    private static string ResolveCheckpoint(string? path)
    {
        if (path is not null)
        {
            return Path.GetFullPath(path);
        }

        var root = DataDirectory.FindRepositoryRoot() ?? Directory.GetCurrentDirectory();
        return Path.Combine(root, DefaultCheckpoint);
    }

    private static void PrintAlert(IAnsiConsole console, AlertMessage alert, DateTimeOffset origin)
    {
        var at = alert.Time - origin;
        var colour = alert.State switch
        {
            AlertState.Raise or AlertState.Escalate => "red",
            AlertState.Clear => "green",
            _ => "yellow",
        };
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"[grey]{at:hh\\:mm\\:ss}[/] {alert.Bed} [{colour}]{alert.State.ToString().ToUpperInvariant(),-5}[/] {alert.Type}: {alert.Message}");
    }

    private static Table SummaryTable(IReadOnlyList<BedAssignment> plan, DemoCapture sink)
    {
        var classes = new[] { "N", "S", "V", "F", "Q" };
        var table = new Table().Title("Summary per bed").AddColumn("Bed").AddColumn("Record");
        foreach (var name in classes)
        {
            table.AddColumn(new TableColumn(name).RightAligned());
        }

        table.AddColumn(new TableColumn("Beats").RightAligned()).AddColumn(new TableColumn("Alerts raised").RightAligned()).AddColumn("Alert types");
        var beats = sink.Beats.GroupBy(b => b.Bed).ToDictionary(g => g.Key, g => g.CountBy(b => b.ClassName).ToDictionary());
        var alerts = sink.Alerts.Where(a => a.State == AlertState.Raise).GroupBy(a => a.Bed).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var bed in plan)
        {
            var counts = beats.GetValueOrDefault(bed.Bed) ?? [];
            var raised = alerts.GetValueOrDefault(bed.Bed) ?? [];
            var cells = new List<string> { bed.Bed, bed.Record.Name };
            cells.AddRange(classes.Select(c => counts.GetValueOrDefault(c).ToString(CultureInfo.InvariantCulture)));
            cells.Add(counts.Values.Sum().ToString(CultureInfo.InvariantCulture));
            cells.Add(raised.Count.ToString(CultureInfo.InvariantCulture));
            cells.Add(Markup.Escape(string.Join(", ", raised.CountBy(a => a.Type).Select(t => $"{t.Key} {t.Value}"))));
            table.AddRow(cells.ToArray());
        }

        return table;
    }

    private sealed record DemoSettings(double Duration, double Speed, int Beds, string? Data, string? Checkpoint, string Station);
}
