using System.CommandLine;
using System.Globalization;
using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Noise;
using AtdMonitor.Data.Ett;
using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Inference;
using AtdMonitor.Training.Arrhythmia;
using AtdMonitor.Training.FineTuning;
using AtdMonitor.Training.Forecasting;
using AtdMonitor.Training.Plots;
using AtdMonitor.Training.Reports;
using AtdMonitor.Training.Runs;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// <c>atd eval</c>: scores a checkpoint on the test data of its task through the inference facades:
/// arrhythmia on DS2 (inter) and the intra-patient test beats, forecast on the ETT test windows. Prints
/// Markdown tables and writes the figures.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "The checkpoint to score (from atd train).", Required = true };
        var split = TrainingOptions.Split("Arrhythmia: inter = DS2, intra = the intra-patient test beats [default: both].", null);
        var data = TrainingOptions.Data();
        var figures = new Option<string?>("--figures") { Description = "Folder for the PNGs [default: beside the checkpoint]." };
        var cache = TrainingOptions.Cache();
        var records = new Option<string[]>("--records") { Description = "Arrhythmia: only these records (intra split only; for quick checks).", AllowMultipleArgumentsPerToken = true };
        var threads = TrainingOptions.Threads();
        var ett = TrainingOptions.Ett();
        var otherData = new Option<bool>("--other-data")
        {
            Description = "Forecast: score on a file other than the one the checkpoint was trained on (the output says so); refused without it.",
        };
        var noise = NoiseOptions.Snr("Arrhythmia, inter split: add realistic ECG noise (baseline wander, EMG, electrode motion, mains) at this SNR in dB to the DS2 recordings first.");
        var beats = TrainingOptions.Beats("Arrhythmia: score the beats at the reference annotations, or where the stream's R-peak detector finds them (matched to the reference within 150 ms), as the worker sees them.");
        var noiseSeed = NoiseOptions.Seed();
        var command = new Command("eval", "Evaluates a checkpoint on the test split: accuracy, macro-F1, per-class Se/PPV/F1 and confusion matrix, " +
            "unclassifiable beats under the confidence floor, calibration error; or forecast MSE/MAE.")
        {
            checkpoint, split, data, figures, cache, records, threads, ett, otherData, noise, noiseSeed, beats,
        };
        command.Subcommands.Add(EvalCrossValidationCommand.Create());
        checkpoint.Validators.Add(result =>
        {
            var path = result.GetValueOrDefault<string>();
            if (!File.Exists(path))
            {
                result.AddError($"--checkpoint {path} does not exist; expected a .ckpt file written by 'atd train'.");
            }
        });

        command.SetAction((parseResult, _) =>
        {
            if (parseResult.GetValue(threads) <= 0)
            {
                return Task.FromResult(TrainingOptions.Fail(parseResult, "eval", "--threads must be a positive whole number."));
            }

            TorchThreads.Apply(parseResult.GetValue(threads));
            var path = parseResult.GetValue(checkpoint)!;
            var manifest = TrainingOptions.Guard(parseResult, "eval", () => ModelCheckpoint.Read(path));
            if (manifest is null)
            {
                return Task.FromResult(TrainingOptions.FailureExitCode);
            }

            var figureFolder = parseResult.GetValue(figures) ?? Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(figureFolder);
            var name = Path.GetFileNameWithoutExtension(path);
            var output = parseResult.InvocationConfiguration.Output;
            RedrawTrainingCurve(path, Path.Combine(figureFolder, name + ".curve.png"), output);
            var noisy = NoiseOptions.From(parseResult, noise, noiseSeed);
            if (noisy is not null && (manifest.Config.Task != ModelTask.Arrhythmia || parseResult.GetValue(split) == "intra"))
            {
                return Task.FromResult(TrainingOptions.Fail(parseResult, "eval", "--noise scores an arrhythmia checkpoint on DS2 (inter split)."));
            }

            return Task.FromResult(manifest.Config.Task == ModelTask.Arrhythmia
                ? EvaluateArrhythmia(parseResult, output, path, noisy is null ? parseResult.GetValue(split) : "inter", parseResult.GetValue(records), parseResult.GetValue(data),
                    parseResult.GetValue(cache), Path.Combine(figureFolder, name), noisy, parseResult.GetValue(beats))
                : EvaluateForecast(parseResult, output, path, parseResult.GetValue(split), parseResult.GetValue(ett), parseResult.GetValue(data),
                    parseResult.GetValue(otherData), Path.Combine(figureFolder, name)));
        });
        return command;
    }

    private static int EvaluateArrhythmia(ParseResult parseResult, TextWriter output, string path, string? split, string[]? records, string? data, string? cache,
        string figureStem, EcgNoise? noise, BeatPositions positions)
    {
        var subset = records is { Length: > 0 } ? records : null;
        figureStem += positions == BeatPositions.Detected ? ".detected" : string.Empty;
        if (subset is not null && split != "intra")
        {
            return TrainingOptions.Fail(parseResult, "eval", "--records needs --split intra: the inter-patient test set is all of DS2.");
        }

        var (mitdb, error) = TrainingDataFolder.Find(data, "mitdb", "100.hea");
        if (mitdb is null)
        {
            return TrainingOptions.Fail(parseResult, "eval", error!);
        }

        using var classifier = TrainingOptions.Guard(parseResult, "eval", () => LoadClassifier(path));
        if (classifier is null)
        {
            return TrainingOptions.FailureExitCode;
        }

        // With noise only DS2 is built: the noisy recordings are scored, never trained on.
        var dataset = TrainingOptions.Guard(parseResult, "eval", () => TrainingOptions.CacheAt(cache)
            .GetOrBuild(mitdb, noise is null ? subset ?? BeatSplitFactory.DefaultRecords : MitBihRecords.Ds2, noise, positions));
        if (dataset is null)
        {
            return TrainingOptions.FailureExitCode;
        }

        if (noise is not null)
        {
            Report(output, path, $"inter-patient, DS2{At(positions)} with {noise.Describe()}", FlooredEvaluationOf(classifier, dataset, [.. Enumerable.Range(0, dataset.Count)]),
                $"{figureStem}.noise{noise.MinSnrDb.ToString(CultureInfo.InvariantCulture)}db");
            return 0;
        }

        var trainedOn = TrainedProtocol(path);
        var tunedOn = TrainedRecords.Read(path);
        var protocols = split is not null ? [TrainingChoices.Splits[split]]
            : trainedOn is not null ? [trainedOn.Value]
            : TrainingChoices.Splits.Values.ToArray();
        foreach (var protocol in protocols)
        {
            if (trainedOn is not null && trainedOn != protocol)
            {
                output.WriteLine($"Note: this checkpoint was trained on the {trainedOn} split, whose training beats overlap the {protocol} test beats: the figures below are optimistic.");
            }

            var leaked = tunedOn.Intersect(protocol == BeatProtocol.Inter ? MitBihRecords.Ds2 : subset ?? BeatSplitFactory.DefaultRecords, StringComparer.Ordinal).ToList();
            if (leaked.Count > 0)
            {
                output.WriteLine($"Warning: this checkpoint was fine-tuned on a recording that replayed records {string.Join(", ", leaked)}, which this {protocol} test set scores: the figures below are leaked.");
            }

            var beats = BeatSplitFactory.Create(dataset, protocol, subset ?? BeatSplitFactory.DefaultRecords);
            var title = (protocol == BeatProtocol.Inter ? "inter-patient, DS2" : "intra-patient test beats") + At(positions);
            Report(output, path, title, FlooredEvaluationOf(classifier, dataset, beats.Test), $"{figureStem}.{protocol.ToString().ToLowerInvariant()}");
        }

        return 0;
    }

    private static string At(BeatPositions positions) =>
        positions == BeatPositions.Detected ? ", beats where the stream's detector finds them" : string.Empty;

    private static FlooredEvaluation FlooredEvaluationOf(BeatClassifier classifier, BeatDataset dataset, int[] beats) =>
        FlooredEvaluation.Of(classifier, dataset, beats, ArrhythmiaEvaluation.Calls(classifier, dataset, beats));

    /// <summary>Prints the top-class figures (every beat), then the floor's: unclassifiable beats, coverage, calibration.</summary>
    private static void Report(TextWriter output, string path, string title, FlooredEvaluation evaluation, string figureStem)
    {
        var matrix = evaluation.TopClass;
        var png = $"{figureStem}.confusion.png";
        ConfusionMatrixPlot.Save(matrix, $"{Path.GetFileName(path)}: {title}", png);
        output.WriteLine($"## {Path.GetFileName(path)} on {title} ({matrix.Total} beats)");
        output.WriteLine();
        output.WriteLine("Every beat by its top class (no confidence floor):");
        output.WriteLine();
        output.WriteLine(ClassificationReport.Summary(matrix).ToString());
        output.WriteLine(ClassificationReport.PerClass(matrix).ToString());
        output.WriteLine(ClassificationReport.Counts(matrix).ToString());
        output.WriteLine($"Confusion matrix: {png}");
        output.WriteLine();
        output.WriteLine("With the checkpoint's confidence floor (a beat below it is unclassifiable, never N):");
        output.WriteLine();
        output.WriteLine(FlooredReport.Summary(evaluation).ToString());
        output.WriteLine(FlooredReport.PerClass(evaluation).ToString());
        output.WriteLine(FlooredReport.Counts(evaluation).ToString());
    }

    /// <summary>The checkpoint's classifier, refused (and freed) when it takes other beat features than this build computes.</summary>
    private static BeatClassifier LoadClassifier(string path)
    {
        var classifier = BeatClassifier.Load(path);
        try
        {
            BeatSpec.RequireRhythmFeatures(classifier.RhythmFeatures);
            return classifier;
        }
        catch
        {
            classifier.Dispose();
            throw;
        }
    }

    /// <summary>Draws the training curve again from the run state beside the checkpoint, when there is one.</summary>
    private static void RedrawTrainingCurve(string checkpointPath, string png, TextWriter output)
    {
        var files = new TrainingRunFiles(checkpointPath);
        if (File.Exists(files.State))
        {
            TrainingCurvePlot.Save(TrainingRunState.Load(files.State), Path.GetFileName(checkpointPath), png);
            output.WriteLine($"Training curve: {png}");
        }
    }

    /// <summary>The split the checkpoint was trained on, read from the run state beside it when there is one.</summary>
    private static BeatProtocol? TrainedProtocol(string checkpointPath)
    {
        var files = new TrainingRunFiles(checkpointPath);
        if (!File.Exists(files.State))
        {
            return null;
        }

        return Enum.TryParse<BeatProtocol>(TrainingRunState.Load(files.State).Split, out var protocol) ? protocol : null;
    }

    private static int EvaluateForecast(ParseResult parseResult, TextWriter output, string path, string? split, string? ettOption, string? data, bool otherData, string figureStem)
    {
        if (split is not null)
        {
            return TrainingOptions.Fail(parseResult, "eval", $"--split {split} is for arrhythmia checkpoints; {Path.GetFileName(path)} is a forecast checkpoint, scored on the ETT test windows.");
        }

        var (ett, error) = TrainingOptions.EttFile(ettOption, data);
        if (ett is null)
        {
            return TrainingOptions.Fail(parseResult, "eval", error!);
        }

        using var forecaster = TrainingOptions.Guard(parseResult, "eval", () => SeriesForecaster.Load(path));
        var table = forecaster is null ? null : TrainingOptions.Guard(parseResult, "eval", () => EttTable.Load(ett));
        if (table is null)
        {
            return TrainingOptions.FailureExitCode;
        }

        var mismatch = OtherData(forecaster!.TrainingData, ett, table);
        if (mismatch is not null && !otherData)
        {
            return TrainingOptions.Fail(parseResult, "eval", $"{mismatch}; give --other-data to score it anyway.");
        }

        var result = TrainingOptions.Guard(parseResult, "eval", () => ForecastEvaluation.Evaluate(forecaster, table));
        if (result is null)
        {
            return TrainingOptions.FailureExitCode;
        }

        var file = Path.GetFileName(ett);
        var example = result.Example;
        var png = $"{figureStem}.forecast.png";
        ForecastPlot.Save(example.History, example.Truth, example.Forecast,
            string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(path)} on {file}: {example.Variable}, first test window (origin {example.Origin:yyyy-MM-dd HH:mm})"),
            example.Variable, png);
        var report = new MarkdownTable("Series", "Look-back:", "Horizon:", "Test windows:", "MSE:", "MAE:")
            .AddRow(string.Join(",", forecaster.Variables), forecaster.LookBack.ToString(CultureInfo.InvariantCulture), forecaster.Horizon.ToString(CultureInfo.InvariantCulture),
                MarkdownTable.Count(result.Windows), MarkdownTable.Number(result.Errors.MeanSquaredError, 4), MarkdownTable.Number(result.Errors.MeanAbsoluteError, 4));
        output.WriteLine($"## {Path.GetFileName(path)} on the {file} test windows (rows {result.Test.Start}–{result.Test.End} every {table.Interval}, z-scored with the training rows' statistics)");
        output.WriteLine();
        if (mismatch is not null)
        {
            output.WriteLine($"Note: other data (--other-data): {mismatch}. These figures do not score the checkpoint on its own test split.");
            output.WriteLine();
        }

        output.WriteLine(report.ToString());
        output.WriteLine($"Forecast vs truth: {png}");
        return 0;
    }

    /// <summary>How <paramref name="csv"/> differs from the data the checkpoint was trained on, or null when it is the same file.</summary>
    private static string? OtherData(ForecastTrainingData? trainedOn, string csv, EttTable table)
    {
        var file = Path.GetFileName(csv);
        if (trainedOn is null)
        {
            return $"the checkpoint does not record the data it was trained on (written before that was recorded), so {file} may not be its data";
        }

        var sha256 = EttTrainingData.Sha256(csv);
        return sha256 == trainedOn.Sha256 ? null
            : string.Create(CultureInfo.InvariantCulture, $"the checkpoint was trained on {trainedOn.Describe()}, not on {file} (SHA-256 {sha256[..12]}…, {table.RowCount:N0} rows every {table.Interval})");
    }
}
