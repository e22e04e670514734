using System.CommandLine;
using System.Globalization;
using System.Text;
using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Noise;
using AtdMonitor.Data.Paths;
using AtdMonitor.Data.Wfdb;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Simulator.Beds;
using AtdMonitor.Simulator.Publishing;
using AtdMonitor.Simulator.Records;
using AtdMonitor.Simulator.Replay;
using AtdMonitor.Simulator.Scoring;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Training.CrossValidation;
using AtdMonitor.Training.Metrics;
using AtdMonitor.Training.Reports;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// <c>atd score stream</c>: replays records through broker and worker (one bed per record, from its first sample) and
/// scores what the worker wrote against the reference annotations in the manner of ANSI/AAMI EC57: beats matched (150 ms),
/// per-class Se/PPV/F1 and accuracy over the matched beats, VEB and SVEB Se and +P (gross and averaged over records),
/// ventricular run detection (couplets, short and long runs), AF duration Se and +P, and every alert type against its
/// reference episodes (rhythm annotations and beat runs, or the same rule run over the reference beats).
/// </summary>
internal static class ScoreCommand
{
    /// <summary>The last seconds of a replay are not scored: a beat there cannot be emitted before its next beat arrives.</summary>
    private const int TailSeconds = 3;

    /// <summary>The MIT-BIH records of the AF duration target (AF or flutter in DS2).</summary>
    private static readonly string[] AtrialFibrillationRecords = ["202", "210", "219", "221", "222"];

    public static Command Create()
    {
        var records = new Option<string>("--records") { Description = "Records: DS1, DS2, all, nonpaced or names such as 100,119.", DefaultValueFactory = _ => "DS2" };
        var speed = new Option<double>("--speed") { Description = "Times real time per bed.", DefaultValueFactory = _ => 20 };
        var duration = new Option<int>("--duration") { Description = "Seconds of each record [default: the whole record]." };
        var data = new Option<string?>("--data") { Description = "Data folder holding mitdb/ [default: ATD_DATA_DIR, ../shared/data, else samples/]." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = $"Beat classifier checkpoint [default: {DemoCommand.DefaultCheckpoint}]." };
        var mergeGap = new Option<double>("--merge-gap") { Description = "Reference episodes of one kind closer than this (s) are one episode (the worker's alert hold-off).", DefaultValueFactory = _ => 10 };
        var before = new Option<double>("--tolerance-before") { Description = "Seconds an alert may start before its episode.", DefaultValueFactory = _ => 1 };
        var after = new Option<double>("--tolerance-after") { Description = "Seconds an alert may start after its episode ends.", DefaultValueFactory = _ => 5 };
        var report = new Option<string?>("--report") { Description = "Also write the tables to this Markdown file." };
        var beats = new Option<string?>("--beats") { Description = "Also write every scored beat the worker wrote (all but the last 3 s), with its matched reference beat, to this CSV file." };
        var alertsCsv = new Option<string?>("--alerts") { Description = "Also write every alert the worker raised and every reference episode, each with its verdict (true, false, technical or unscored; detected or missed), to this CSV file." };
        var noise = NoiseOptions.Snr("Noise stress test: add realistic ECG noise (baseline wander, EMG, electrode motion, mains) at this SNR in dB to both leads of every record before the replay, as atd eval --noise does.");
        var noiseSeed = NoiseOptions.Seed();
        var set = new Option<string[]>("--set") { Description = "Worker setting KEY=VALUE, e.g. Alerts:AtrialFibrillation:K=4 (repeatable; for tuning on DS1).", AllowMultipleArgumentsPerToken = false };
        var outOfFold = new Option<string?>("--out-of-fold")
        {
            Description = "Cross-validation folder (atd train --cv --out DIR): each DS1 record is classified by the model of the fold that held it out (DIR/foldF-seedS.ckpt), "
                + "so a DS1 replay carries the errors of a model that never saw the patient, as DS2 does. Instead of --checkpoint; DS1 records only.",
        };
        var seed = new Option<int>("--seed") { Description = "With --out-of-fold: the seed of the fold models.", DefaultValueFactory = _ => 1 };
        var stream = new Command("stream", "Replays records through broker and worker, then scores the worker's beats and alerts against the reference annotations.")
        {
            records, speed, duration, data, checkpoint, outOfFold, seed, mergeGap, before, after, report, beats, alertsCsv, set, noise, noiseSeed,
        };
        stream.SetAction((parseResult, cancellationToken) => RunAsync(
            new ScoreSettings(
                parseResult.GetValue(records)!, parseResult.GetValue(speed), parseResult.GetValue(duration), parseResult.GetValue(data), parseResult.GetValue(checkpoint),
                parseResult.GetValue(outOfFold), parseResult.GetValue(seed),
                TimeSpan.FromSeconds(parseResult.GetValue(mergeGap)), TimeSpan.FromSeconds(parseResult.GetValue(before)), TimeSpan.FromSeconds(parseResult.GetValue(after)),
                parseResult.GetValue(report), parseResult.GetValue(beats), parseResult.GetValue(alertsCsv), parseResult.GetValue(set) ?? [],
                NoiseOptions.From(parseResult, noise, noiseSeed)),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return new Command("score", "Scores the running system end to end against reference annotations.") { stream };
    }

    private static async Task<int> RunAsync(ScoreSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (settings.OutOfFold is not null && settings.Checkpoint is not null)
        {
            await error.WriteLineAsync("atd score stream: --out-of-fold gives each record its fold's model; leave out --checkpoint.").ConfigureAwait(false);
            return 2;
        }

        var checkpoint = settings.Checkpoint is null
            ? Path.Combine(DataDirectory.FindRepositoryRoot() ?? Directory.GetCurrentDirectory(), DemoCommand.DefaultCheckpoint)
            : Path.GetFullPath(settings.Checkpoint);
        if (settings.OutOfFold is null && !File.Exists(checkpoint))
        {
            await error.WriteLineAsync($"atd score stream: the beat classifier checkpoint {checkpoint} is missing; produce it with '{DemoCommand.TrainCommandLine}' or pass --checkpoint PATH.").ConfigureAwait(false);
            return 2;
        }

        var overrides = new List<KeyValuePair<string, string>>();
        foreach (var setting in settings.Set)
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                await error.WriteLineAsync($"atd score: --set {setting}: expected KEY=VALUE, e.g. Alerts:AtrialFibrillation:K=4.").ConfigureAwait(false);
                return 2;
            }

            overrides.Add(new(setting[..equals], setting[(equals + 1)..]));
        }

        IReadOnlyList<BedAssignment> plan;
        IReadOnlyList<Replay> replays;
        try
        {
            var library = new RecordLibrary(Path.Combine(DataDirectory.Resolve(settings.Data), "mitdb"), settings.Noise);
            var names = RecordSelection.Parse(settings.Records, library);
            plan = BedPlan.Create(library, names, names.Count, TimeSpan.Zero);
            replays = settings.OutOfFold is { } folds ? OutOfFold(plan, Path.GetFullPath(folds), settings.Seed) : [new Replay(checkpoint, plan)];
        }
        catch (Exception ex) when (ex is WfdbFormatException or IOException or ArgumentException)
        {
            await error.WriteLineAsync($"atd score stream: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        var windows = settings.Duration > 0 ? Math.Min(settings.Duration, plan.Min(b => b.WindowsPerPass)) : plan.Min(b => b.WindowsPerPass);
        var sink = new DemoCapture();
        var origin = DateTimeOffset.UtcNow;
        var single = replays.Count == 1;
        var models = single ? replays[0].Checkpoint : $"each record's out-of-fold model, seed {settings.Seed}: {string.Join("; ", replays.Select(r => r.Describe()))}";
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Replaying {plan.Count} records ({windows} s each{(settings.Noise is { } added ? $", with {added.Describe()}" : string.Empty)}) at {settings.Speed}x through the embedded broker and the worker ({models})...")).ConfigureAwait(false);
        // Every replay at once from one origin: the out-of-fold workers share the machine as one worker's beds would.
        var outcomes = await Task.WhenAll(replays.Select((replay, i) => ReplayAsync(replay, single ? "atd-score-worker" : $"atd-score-worker-{i + 1}",
            single ? "Worker" : $"Worker ({replay.Describe()})", overrides, sink, origin, windows, settings.Speed, cancellationToken))).ConfigureAwait(false);
        var pipeline = string.Join(Environment.NewLine, outcomes.Select(o => o.Pipeline));

        var scoredBeats = settings.Beats is null ? null : new ScoredBeatsCsv();
        var scoredAlerts = settings.AlertsCsv is null ? null : new ScoredAlertsCsv();
        var text = pipeline + Environment.NewLine + Environment.NewLine + Report(plan, windows, sink, origin, settings, outcomes[0].Alerts, scoredBeats, scoredAlerts);
        await output.WriteLineAsync(text).ConfigureAwait(false);
        if (settings.Report is { } path)
        {
            await File.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
        }

        if (settings.Beats is { } beatsPath && scoredBeats is not null)
        {
            await File.WriteAllTextAsync(beatsPath, scoredBeats.ToString(), cancellationToken).ConfigureAwait(false);
        }

        if (settings.AlertsCsv is { } alertsPath && scoredAlerts is not null)
        {
            await File.WriteAllTextAsync(alertsPath, scoredAlerts.ToString(), cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>One replay per DS1 fold among the planned beds, each with the checkpoint of the fold that held its records out.</summary>
    private static List<Replay> OutOfFold(IReadOnlyList<BedAssignment> plan, string directory, int seed)
    {
        var outside = plan.Select(b => b.Record.Name).Where(name => !MitBihRecords.Ds1Folds.Any(f => f.Contains(name))).ToList();
        if (outside.Count > 0)
        {
            throw new ArgumentException($"--out-of-fold scores DS1 records only; {string.Join(", ", outside)} not in a DS1 fold.");
        }

        var replays = new List<Replay>();
        for (var fold = 1; fold <= MitBihRecords.Ds1Folds.Count; fold++)
        {
            var beds = plan.Where(b => MitBihRecords.Ds1Folds[fold - 1].Contains(b.Record.Name)).ToList();
            if (beds.Count == 0)
            {
                continue;
            }

            var checkpoint = ArrhythmiaCrossValidation.CheckpointPath(directory, fold, seed);
            if (!File.Exists(checkpoint))
            {
                throw new ArgumentException($"--out-of-fold: {checkpoint} is missing; make it with 'atd train --cv --folds {fold} --seeds {seed} --out {directory}' and the settings of that folder.");
            }

            replays.Add(new Replay(checkpoint, beds));
        }

        return replays;
    }

    /// <summary>Replays <paramref name="replay"/>'s beds through a worker of their own on embedded defaults and the overrides.</summary>
    private static async Task<ReplayOutcome> ReplayAsync(Replay replay, string clientId, string label, IReadOnlyList<KeyValuePair<string, string>> overrides, DemoCapture sink, DateTimeOffset origin,
        int windows, double speed, CancellationToken cancellationToken)
    {
        var workerSettings = DemoWorkerHost.EmbeddedSettings(clientId, replay.Checkpoint);
        foreach (var (key, value) in overrides)
        {
            workerSettings[key] = value;
        }

        await using var worker = await DemoWorkerHost.StartAsync(workerSettings, sink, cancellationToken).ConfigureAwait(false);
        ReplayStatistics statistics;
        await using (var publisher = await MqttMessagePublisher.ConnectAsync(new BrokerConnectionOptions { Host = worker.Broker.Host, Port = worker.Broker.Port }, cancellationToken).ConfigureAwait(false))
        {
            using var engine = new ReplayEngine(replay.Beds, publisher, new ReplayOptions { Windows = windows, Speed = speed, Origin = origin });
            await engine.RunAsync(cancellationToken).ConfigureAwait(false);
            statistics = engine.Statistics;
        }

        await worker.DrainAndStopAsync(statistics.Published, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        var health = worker.Metrics.Snapshot(DateTimeOffset.UtcNow);
        return new ReplayOutcome(worker.Alerts, string.Create(CultureInfo.InvariantCulture,
            $"{label}: {health.MessagesIn} messages in, {health.Rejects} rejected, {health.Dropped} dropped, {health.ImageMissing} windows without image, {health.Beats} beats, {health.Alerts} alert events; replay at {speed}x, max lag {statistics.MaxLag.TotalMilliseconds:0} ms."));
    }

    private static string Report(IReadOnlyList<BedAssignment> plan, int windows, DemoCapture sink, DateTimeOffset origin, ScoreSettings settings, AlertsOptions alertSettings, ScoredBeatsCsv? scoredBeats, ScoredAlertsCsv? scoredAlerts)
    {
        var end = ((long)windows - TailSeconds) * WireWindow.SampleRate;
        var matrix = new ConfusionMatrix(AamiMapping.ClassNames);
        var perRecord = new MarkdownTable("Record", "Reference beats:", "Detected:", "Detection Se:", "Detection +P:", "Matched:", "Accuracy:");
        var detection = default(DetectorScore);
        var alerts = new AlertScoring(settings.Before, settings.After, WireWindow.SampleRate);
        var intervals = AlertInterval.FromEvents(sink.Alerts, (_, time) => (long)Math.Round((time - origin).TotalSeconds * WireWindow.SampleRate), (long)windows * WireWindow.SampleRate);
        var offsets = AamiMapping.ClassNames.Select(_ => new List<double>()).ToArray();
        var ectopic = new EctopicBeatTable();
        var runs = new RunDetectionScore[RunDetectionScore.Categories.Count];
        var matchWindow = (long)Math.Round(BeatMatching.WindowSeconds * WireWindow.SampleRate);
        var beatsByBed = sink.Beats.GroupBy(b => b.Bed).ToDictionary(g => g.Key, g => g.OrderBy(b => b.RPeakSample).ToList(), StringComparer.Ordinal);
        foreach (var bed in plan)
        {
            var record = bed.Record;
            var inRange = record.Annotations.Where(a => a.Sample < end).ToList();
            var reference = inRange.Where(a => a.IsBeat && AamiMapping.FromSymbol(a.Symbol) is not null).ToList();
            var detected = (beatsByBed.GetValueOrDefault(bed.Bed) ?? []).Where(b => b.RPeakSample < end).ToList();
            var score = DetectorScoring.Score(inRange, [.. detected.Select(b => b.RPeakSample)], WireWindow.SampleRate);
            detection += score;
            var recordMatrix = new ConfusionMatrix(AamiMapping.ClassNames);
            var matches = BeatMatching.Match([.. reference.Select(a => a.Sample)], [.. detected.Select(b => b.RPeakSample)], WireWindow.SampleRate);
            var referenceClasses = reference.Select(a => AamiMapping.ClassNames[(int)AamiMapping.FromSymbol(a.Symbol)!.Value]).ToList();
            var detectedClasses = detected.Select(b => b.ClassName).ToList();
            ectopic.Add(record.Name, referenceClasses, detectedClasses, matches);
            for (var c = 0; c < runs.Length; c++)
            {
                var (_, shortest, longest) = RunDetectionScore.Categories[c];
                runs[c] += RunDetectionScore.Of([.. reference.Zip(referenceClasses, (a, k) => (a.Sample, k))], [.. detected.Zip(detectedClasses, (b, k) => (b.RPeakSample, k))], "V", shortest, longest, matchWindow);
            }

            var matchedSymbols = new string?[detected.Count];
            foreach (var pair in matches)
            {
                matchedSymbols[pair.Detected] = reference[pair.Reference].Symbol;
                var truth = (int)AamiMapping.FromSymbol(reference[pair.Reference].Symbol)!.Value;
                var predicted = IndexOf(detected[pair.Detected].ClassName);
                matrix.Add(truth, predicted);
                recordMatrix.Add(truth, predicted);
                offsets[truth].Add((detected[pair.Detected].RPeakSample - reference[pair.Reference].Sample) * 1000.0 / WireWindow.SampleRate);
            }

            scoredBeats?.Add(record.Name, detected, matchedSymbols, WireWindow.SampleRate);
            perRecord.AddRow(record.Name, MarkdownTable.Count(reference.Count), MarkdownTable.Count(detected.Count), MarkdownTable.Number(score.Sensitivity, 4),
                MarkdownTable.Number(score.PositivePredictivity, 4), MarkdownTable.Count(recordMatrix.Total), MarkdownTable.Number(recordMatrix.Accuracy, 4));
            var episodes = new Dictionary<string, IReadOnlyList<Episode>>(ReferenceEpisodes.Extract(record.Annotations, WireWindow.SampleRate, 0, end, settings.MergeGap,
                (int)Math.Ceiling(alertSettings.VentricularTachycardia.Raise)), StringComparer.Ordinal);
            foreach (var (kind, list) in RuleReferenceEpisodes.Extract(record.Annotations, alertSettings, WireWindow.SampleRate, end))
            {
                episodes[kind] = list;
            }

            alerts.AddBed(bed.Bed, episodes, intervals, TimeSpan.FromSeconds(windows));
            scoredAlerts?.Add(record.Name, alerts.Judged(bed.Bed), WireWindow.SampleRate, episode => alerts.AnnouncedAsTechnical(bed.Bed, episode));
        }

        var alertTable = new MarkdownTable("Alert type", "Reference", "Episodes:", "Detected:", "Episode Se:", "Alerts:", "True:", "PPV:", "False / patient-hour:");
        var scores = alerts.Scores();
        foreach (var s in scores)
        {
            alertTable.AddRow(s.AlertType, s.Reference ?? "none", MarkdownTable.Count(s.Episodes), MarkdownTable.Count(s.DetectedEpisodes), MarkdownTable.Number(s.EpisodeSensitivity),
                MarkdownTable.Count(s.Alerts), MarkdownTable.Count(s.TrueAlerts), MarkdownTable.Number(s.PositivePredictiveValue), MarkdownTable.Number(s.FalseAlertsPerHour, 2));
        }

        var hours = plan.Count * TimeSpan.FromSeconds(windows).TotalHours;
        var falseClinical = alerts.FalseClinicalAlerts();

        var runTable = new MarkdownTable("Ventricular runs (worker's beat classes)", "Reference runs:", "Detected:", "Se:", "Detected runs:", "True:", "+P:");
        for (var c = 0; c < runs.Length; c++)
        {
            var r = runs[c];
            runTable.AddRow(RunDetectionScore.Categories[c].Name, MarkdownTable.Count(r.ReferenceRuns), MarkdownTable.Count(r.DetectedReferenceRuns), MarkdownTable.Number(r.Sensitivity),
                MarkdownTable.Count(r.DetectedRuns), MarkdownTable.Count(r.TrueDetectedRuns), MarkdownTable.Number(r.PositivePredictivity));
        }

        var durationTable = new MarkdownTable("Alert type", "Records", "Reference min:", "Alerted min:", "Duration Se:", "Duration +P:");
        var afRecords = plan.Where(b => AtrialFibrillationRecords.Contains(b.Record.Name)).Select(b => b.Bed).ToList();
        foreach (var (type, beds, label) in new (string, IEnumerable<string>?, string)[]
        {
            (AlertTypes.AtrialFibrillation, null, "all"), (AlertTypes.AtrialFibrillation, afRecords, string.Join(", ", AtrialFibrillationRecords.Where(r => plan.Any(b => b.Record.Name == r)))),
            (AlertTypes.VentricularFibrillation, null, "all"), (AlertTypes.VentricularTachycardia, null, "all"),
        })
        {
            if (beds is not null && !beds.Any())
            {
                continue;
            }

            var d = alerts.Duration(type, beds);
            durationTable.AddRow(type, label, MarkdownTable.Number(d.Reference / WireWindow.SampleRate / 60.0, 1), MarkdownTable.Number(d.Alerted / WireWindow.SampleRate / 60.0, 1),
                MarkdownTable.Number(d.Sensitivity), MarkdownTable.Number(d.PositivePredictivity));
        }

        var recordAlerts = new MarkdownTable("Record", "Alerts:", "False (non-technical):", "AF duration Se:", "AF duration +P:", "VT episodes:", "VT detected:", "VT alerts:", "VT true:", "False alerts by type");
        foreach (var bed in plan)
        {
            var bedScores = alerts.Scores(bed.Bed);
            var vt = bedScores.First(s => s.AlertType == AlertTypes.VentricularTachycardia);
            var af = alerts.Duration(AlertTypes.AtrialFibrillation, [bed.Bed]);
            var falseByType = string.Join(", ", bedScores.Where(s => !AlertScoring.Technical.Contains(s.AlertType) && s.Alerts > s.TrueAlerts).Select(s => $"{s.AlertType} {s.Alerts - s.TrueAlerts}"));
            recordAlerts.AddRow(bed.Record.Name, MarkdownTable.Count(bedScores.Sum(s => s.Alerts)), MarkdownTable.Count(alerts.FalseClinicalAlerts(bed.Bed)),
                MarkdownTable.Number(af.Sensitivity), MarkdownTable.Number(af.PositivePredictivity), MarkdownTable.Count(vt.Episodes), MarkdownTable.Count(vt.DetectedEpisodes),
                MarkdownTable.Count(vt.Alerts), MarkdownTable.Count(vt.TrueAlerts), falseByType.Length == 0 ? "–" : falseByType);
        }

        var falseAlarms = new MarkdownTable("Record", "Alert type", "Onset (mm:ss)", "Lasted s:", "Reference at onset");
        foreach (var bed in plan)
        {
            foreach (var alarm in alerts.FalseAlerts(bed.Bed))
            {
                falseAlarms.AddRow(bed.Record.Name, alarm.Type, Clock(alarm.Span.Start),
                    MarkdownTable.Number((alarm.Span.End - alarm.Span.Start) / WireWindow.SampleRate, 1), ReferenceContext.Describe(bed.Record.Annotations, alarm.Span.Start));
            }
        }

        // The episodes a nurse must not miss: every reference episode of a high- or medium-priority alarm that was not raised.
        var urgent = AlertScoring.ReferenceOf.Keys.Where(type => alertSettings.Alarms.For(type).Priority is AlarmPriority.High or AlarmPriority.Medium).ToList();
        var highPriority = urgent.Where(type => alertSettings.Alarms.For(type).Priority == AlarmPriority.High).ToHashSet(StringComparer.Ordinal);
        // A miss under a technical alarm (signal quality, bed silent) was announced: the worker said it could not judge. One without it is silent.
        var missedEpisodes = new MarkdownTable("Record", "Alert type", "Start (mm:ss)", "Lasted s:", "Reference at start", "Technical alarm at the time");
        var missedHigh = 0;
        var silentHigh = 0;
        foreach (var bed in plan)
        {
            foreach (var (type, episode) in alerts.MissedEpisodes(bed.Bed, urgent))
            {
                var announced = alerts.AnnouncedAsTechnical(bed.Bed, episode);
                missedEpisodes.AddRow(bed.Record.Name, type, Clock(episode.Start), MarkdownTable.Number((episode.End - episode.Start) / WireWindow.SampleRate, 1),
                    ReferenceContext.Describe(bed.Record.Annotations, episode.Start), announced ? "yes" : "no (silent)");
                if (highPriority.Contains(type))
                {
                    missedHigh++;
                    silentHigh += announced ? 0 : 1;
                }
            }
        }

        // Offline evaluation centres each beat on its annotation; the stream on the detector's peak. This shows the shift.
        var offsetTable = new MarkdownTable("Class", "Matched beats:", "Median offset ms:", "Mean |offset| ms:");
        for (var c = 0; c < offsets.Length; c++)
        {
            var sorted = offsets[c].Order().ToArray();
            offsetTable.AddRow(AamiMapping.ClassNames[c], MarkdownTable.Count(sorted.Length), MarkdownTable.Number(sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2], 1),
                MarkdownTable.Number(sorted.Length == 0 ? double.NaN : sorted.Average(Math.Abs), 1));
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Beats, {plan.Count} records, first {windows - TailSeconds} s of each{(settings.Noise is { } noise ? $", {noise.Describe()}" : string.Empty)}").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Detection (EC57, 150 ms): Se {MarkdownTable.Number(detection.Sensitivity, 4)}, +P {MarkdownTable.Number(detection.PositivePredictivity, 4)} ({detection.TruePositives} matched, {detection.FalseNegatives} missed, {detection.FalsePositives} false).").AppendLine()
            .Append(ClassificationReport.Summary(matrix)).AppendLine()
            .Append(ClassificationReport.PerClass(matrix)).AppendLine()
            .Append(ClassificationReport.Counts(matrix)).AppendLine()
            .Append(perRecord).AppendLine()
            .AppendLine("R-peak position, detected minus reference annotation, over matched beats:").AppendLine()
            .Append(offsetTable).AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"## Alerts (merge gap {settings.MergeGap.TotalSeconds:0} s, tolerance −{settings.Before.TotalSeconds:0} s / +{settings.After.TotalSeconds:0} s)").AppendLine()
            .Append(alertTable).AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"All non-technical false alerts together: {falseClinical} in {hours:0.0} patient-hours = {MarkdownTable.Number(falseClinical / hours, 2)} per patient-hour.").AppendLine()
            .AppendLine("### Ectopic beats (EC57 VEB and SVEB)").AppendLine()
            .Append(ectopic.Summary()).AppendLine()
            .AppendLine("### Ventricular run detection").AppendLine()
            .Append(runTable).AppendLine()
            .AppendLine("### Duration").AppendLine()
            .Append(durationTable).AppendLine()
            .AppendLine("### Alerts per record").AppendLine()
            .Append(recordAlerts).AppendLine()
            .AppendLine("### False alarms (non-technical), with the reference rhythm and noise marks at their onset").AppendLine()
            .Append(falseAlarms).AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"### Missed episodes of high- and medium-priority alarms ({string.Join(", ", urgent)})").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"High-priority episodes missed: {missedHigh}, of them {silentHigh} silent (no technical alarm at the time).").AppendLine()
            .Append(missedEpisodes);
        return text.ToString();
    }

    /// <summary>A stream sample as minutes and seconds into the record.</summary>
    private static string Clock(long sample)
    {
        var time = TimeSpan.FromSeconds(sample / WireWindow.SampleRate);
        return $"{(int)time.TotalMinutes:00}:{time.Seconds:00}";
    }

    private static int IndexOf(string className)
    {
        for (var i = 0; i < AamiMapping.ClassNames.Count; i++)
        {
            if (AamiMapping.ClassNames[i] == className)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The worker wrote class '{className}'; expected one of {string.Join(", ", AamiMapping.ClassNames)}.");
    }

    /// <summary>Beds replayed through one worker with one checkpoint.</summary>
    private sealed record Replay(string Checkpoint, IReadOnlyList<BedAssignment> Beds)
    {
        public string Describe() => $"{string.Join(", ", Beds.Select(b => b.Record.Name))} by {Path.GetFileName(Checkpoint)}";
    }

    private sealed record ReplayOutcome(AlertsOptions Alerts, string Pipeline);

    private sealed record ScoreSettings(string Records, double Speed, int Duration, string? Data, string? Checkpoint, string? OutOfFold, int Seed, TimeSpan MergeGap, TimeSpan Before, TimeSpan After, string? Report, string? Beats, string? AlertsCsv, string[] Set,
        EcgNoise? Noise);
}
