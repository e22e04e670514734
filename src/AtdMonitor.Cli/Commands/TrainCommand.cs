using System.CommandLine;
using System.Globalization;
using AtdMonitor.Data.Beats;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Inference;
using AtdMonitor.Training.Arrhythmia;
using AtdMonitor.Training.Forecasting;
using AtdMonitor.Training.Progress;
using AtdMonitor.Training.Runs;
using Spectre.Console;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// <c>atd train</c>: trains an arrhythmia or forecast model (any variant) with AdamW, warm-up + cosine,
/// early stopping on the validation split; writes the best epoch's checkpoint, a training-curve PNG and a
/// resumable run state.
/// </summary>
internal static class TrainCommand
{
    public const int InterruptedExitCode = 130;

    public static Command Create()
    {
        var task = new Option<string>("--task") { Description = "What to train.", DefaultValueFactory = _ => TrainingChoices.Arrhythmia };
        task.AcceptOnlyFromAmong(TrainingChoices.Arrhythmia, TrainingChoices.Forecast);
        var variant = TrainingOptions.Variant();
        var split = TrainingOptions.Split("Arrhythmia protocol: inter = DS1 → DS2 (de Chazal), intra = random beats of the 44 non-paced records.", "inter");
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs (early stopping may end sooner).", DefaultValueFactory = _ => 20 };
        var batchSize = new Option<int?>("--batch-size") { Description = "Samples per step [default: 256 arrhythmia, 32 forecast]." };
        var learningRate = new Option<double>("--lr") { Description = "Peak AdamW learning rate (after warm-up).", DefaultValueFactory = _ => 1e-3 };
        var weightDecay = new Option<double>("--weight-decay") { Description = "AdamW decoupled weight decay.", DefaultValueFactory = _ => 0.05 };
        var patience = new Option<int>("--patience") { Description = "Epochs without validation improvement before stopping.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seeds the weights, the batch order and dropout.", DefaultValueFactory = _ => 1 };
        var data = TrainingOptions.Data();
        var output = new Option<string?>("--out") { Description = "Checkpoint to write [default: models/{task}-{variant}.ckpt]." };
        var resume = new Option<bool>("--resume") { Description = "Continue the interrupted run saved beside --out (same arguments)." };
        var balance = new Option<string>("--balance") { Description = "Arrhythmia class imbalance: loss weights ∝ n^-½, sampling ∝ n^-½, or none.", DefaultValueFactory = _ => "weights" };
        balance.AcceptOnlyFromAmong([.. TrainingChoices.Balancings.Keys]);
        var records = new Option<string[]>("--records") { Description = "Arrhythmia: only these records (intra split only; for quick runs).", AllowMultipleArgumentsPerToken = true };
        var width = new Option<int>("--width") { Description = "Model width d.", DefaultValueFactory = _ => new AtdConfig().ModelWidth };
        var layers = new Option<int>("--layers") { Description = "Transformer layers per encoder.", DefaultValueFactory = _ => new AtdConfig().EncoderLayers };
        var feedForward = new Option<int>("--feed-forward") { Description = "Feed-forward width of the transformer layers.", DefaultValueFactory = _ => new AtdConfig().FeedForwardWidth };
        var heads = new Option<int>("--heads") { Description = "Attention heads (must divide --width).", DefaultValueFactory = _ => new AtdConfig().AttentionHeads };
        var rounds = new Option<int>("--fusion-rounds") { Description = "K, ATD Fusion rounds (1 = the paper's formula).", DefaultValueFactory = _ => new AtdConfig().FusionRounds };
        var guide = new Option<string>("--guide") { Description = "ATD Guide: one shared by both modalities (the paper), one per modality, or none.", DefaultValueFactory = _ => "shared" };
        guide.AcceptOnlyFromAmong([.. TrainingChoices.Guides.Keys]);
        var displacementInit = new Option<string>("--displacement-init") { Description = "How ATD Fusion's Θ starts: near the identity, or random N(0, 1/d).", DefaultValueFactory = _ => "identity" };
        displacementInit.AcceptOnlyFromAmong([.. TrainingChoices.DisplacementInits.Keys]);
        var rhythmSplitHead = new Option<bool>("--rhythm-split-head")
        {
            Description = "Arrhythmia: a linear head of the rhythm features alone splits the network's \"N or S\" between N and S (docs/MODEL.md).",
        };
        var dropout = new Option<double>("--dropout") { Description = "Dropout in encoders and heads.", DefaultValueFactory = _ => new AtdConfig().Dropout };
        var modalityDropout = new Option<double>("--modality-dropout")
        {
            Description = "Chance that training drops the second modality of a sample (the image, or the calendar of a fused forecaster).",
            DefaultValueFactory = _ => new AtdConfig().ModalityDropout,
        };
        var lookBack = new Option<int>("--lookback") { Description = "Forecast: history steps.", DefaultValueFactory = _ => 96 };
        var horizon = new Option<int>("--horizon") { Description = "Forecast: steps ahead.", DefaultValueFactory = _ => 96 };
        horizon.AcceptOnlyFromAmong("96", "192", "336", "720");
        var mode = new Option<string>("--mode") { Description = "Forecast: all series of the file, or OT alone.", DefaultValueFactory = _ => TrainingChoices.Multivariate };
        var ett = TrainingOptions.Ett();
        var architecture = new Option<string>("--architecture")
        {
            Description = "Forecast: fused = the ATD family (the --variant's encoders and fusion, plus the linear path); dlinear = the DLinear reference; rlinear = RevIN and the linear path alone (the RLinear reference).",
            DefaultValueFactory = _ => TrainingChoices.Fused,
        };
        architecture.AcceptOnlyFromAmong([.. TrainingChoices.Architectures.Keys]);
        var loss = new Option<string>("--loss") { Description = "Forecast: what training minimises; validation, early stopping and the reported figures use MSE either way.", DefaultValueFactory = _ => "mse" };
        loss.AcceptOnlyFromAmong([.. TrainingChoices.ForecastLosses.Keys]);
        var channelIndependent = new Option<bool>("--channel-independent") { Description = "Forecast, fused: each variable is its own sample with one-variable history patches (as in PatchTST)." };
        var dailyCycle = new Option<bool>("--daily-cycle") { Description = "Forecast, fused or rlinear: learn a daily cycle per variable, indexed by the hour, taken out of the history and put back into the forecast." };
        mode.AcceptOnlyFromAmong(TrainingChoices.Multivariate, TrainingChoices.Univariate);
        var cache = TrainingOptions.Cache();
        var threads = TrainingOptions.Threads();
        var device = new Option<string>("--device")
        {
            Description = "Where the model trains: cpu, cuda or cuda:N (CUDA needs a GPU and a CUDA libtorch, docs/MODEL.md; the beats stay in host memory).",
            DefaultValueFactory = _ => "cpu",
        };
        var fromRecording = new Option<string?>("--from-recording") { Description = "Fine-tune --checkpoint on the labelled beats of this worker recording folder (arrhythmia)." };
        var baseCheckpoint = new Option<string?>("--checkpoint") { Description = "With --from-recording: the arrhythmia checkpoint to start from." };
        var crossValidation = new Option<bool>("--cv")
        {
            Description = "Arrhythmia: patient-wise 5-fold cross-validation inside DS1 (fixed --epochs, no early stopping); --out is then the results folder [default: runs/cv-{variant}].",
        };
        var folds = new Option<int[]>("--folds") { Description = "With --cv: the folds (1-5) to run [default: all].", AllowMultipleArgumentsPerToken = true };
        var noiseAugmentation = new Option<double>("--noise-augmentation")
        {
            Description = "Arrhythmia: chance that a training beat comes from a noisy copy of its record (baseline wander, EMG, electrode motion, mains; 0-24 dB SNR); 0 = off.",
        };
        var beats = TrainingOptions.Beats("Arrhythmia: train on beats at the reference annotations, or where the stream's R-peak detector finds them (labelled by the matched reference beat), as the worker sees them.");
        var scoreBeats = new Option<BeatPositions?>("--score-beats")
        {
            Description = "With --cv: score the held-out folds at the reference annotations or where the stream's detector finds the beats [default: as --beats].",
        };
        var seeds = new Option<int[]>("--seeds") { Description = "With --cv: the seeds to run each fold with [default: --seed].", AllowMultipleArgumentsPerToken = true };

        var command = new Command("train", "Trains a model (arrhythmia or forecast) with AdamW, warm-up + cosine and early stopping; resumable.")
        {
            task, variant, split, epochs, batchSize, learningRate, weightDecay, patience, seed, data, output, resume, balance, records,
            width, layers, feedForward, heads, rounds, guide, displacementInit, dropout, modalityDropout, rhythmSplitHead, lookBack, horizon, mode, cache, threads, device, fromRecording, baseCheckpoint,
            crossValidation, folds, seeds, ett, architecture, channelIndependent, dailyCycle, loss, noiseAugmentation, beats, scoreBeats,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var problems = TrainingOptions.NonPositive(parseResult, epochs, patience, width, layers, feedForward, heads, rounds, lookBack, threads).ToList();
            if (parseResult.GetValue(batchSize) is <= 0)
            {
                problems.Add("--batch-size must be a positive whole number.");
            }

            if (parseResult.GetValue(learningRate) is not (> 0 and < 1))
            {
                problems.Add("--lr must be in (0, 1), e.g. 1e-3.");
            }

            foreach (var (option, name) in new[] { (dropout, "--dropout"), (modalityDropout, "--modality-dropout"), (noiseAugmentation, "--noise-augmentation") })
            {
                if (parseResult.GetValue(option) is not (>= 0 and < 1))
                {
                    problems.Add($"{name} must be in [0, 1), e.g. 0.1.");
                }
            }

            if (parseResult.GetValue(rhythmSplitHead) && parseResult.GetValue(task) != TrainingChoices.Arrhythmia)
            {
                problems.Add("--rhythm-split-head goes with --task arrhythmia.");
            }

            if (parseResult.GetValue(records) is { Length: > 0 } && parseResult.GetValue(split) == "inter")
            {
                problems.Add("--records needs --split intra: the inter-patient split is defined on all 44 non-paced records (DS1 and DS2).");
            }

            if (parseResult.GetValue(fromRecording) is null ? parseResult.GetValue(baseCheckpoint) is not null : parseResult.GetValue(task) != TrainingChoices.Arrhythmia)
            {
                problems.Add("--checkpoint goes with --from-recording, which fine-tunes an arrhythmia model (--task arrhythmia).");
            }

            // Fine-tuning keeps the base checkpoint's model and data: these would be silently ignored.
            var ignored = new Option[] { variant, split, records, width, layers, feedForward, heads, rounds, dropout, modalityDropout, rhythmSplitHead, lookBack, horizon, mode, cache, beats }
                .Where(option => parseResult.GetResult(option) is { Implicit: false }).Select(option => option.Name).ToList();
            if (parseResult.GetValue(fromRecording) is not null && ignored.Count > 0)
            {
                problems.Add($"--from-recording keeps the base checkpoint's model and data; {string.Join(", ", ignored)} would be ignored, leave {(ignored.Count == 1 ? "it" : "them")} out.");
            }

            if (parseResult.GetValue(crossValidation)
                && (parseResult.GetValue(task) != TrainingChoices.Arrhythmia || parseResult.GetValue(split) != "inter" || parseResult.GetValue(resume)
                    || parseResult.GetValue(fromRecording) is not null))
            {
                problems.Add("--cv cross-validates an arrhythmia model inside DS1 (--task arrhythmia --split inter) and resumes by itself (no --resume, no --from-recording).");
            }
            else if (!parseResult.GetValue(crossValidation)
                && (parseResult.GetValue(folds) is { Length: > 0 } || parseResult.GetValue(seeds) is { Length: > 0 } || parseResult.GetValue(scoreBeats) is not null))
            {
                problems.Add("--folds, --seeds and --score-beats go with --cv.");
            }

            try
            {
                TorchDevice.Parse(parseResult.GetValue(device)!);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                problems.Add($"--device: {ex.Message}");
            }

            if (problems.Count > 0)
            {
                return Task.FromResult(TrainingOptions.Fail(parseResult, "train", string.Join(" ", problems)));
            }

            TorchThreads.Apply(parseResult.GetValue(threads));
            var variantName = parseResult.GetValue(variant)!;
            var taskName = parseResult.GetValue(task)!;
            var model = new AtdConfig
            {
                Variant = TrainingChoices.Variants[variantName],
                ModelWidth = parseResult.GetValue(width),
                EncoderLayers = parseResult.GetValue(layers),
                FeedForwardWidth = parseResult.GetValue(feedForward),
                AttentionHeads = parseResult.GetValue(heads),
                FusionRounds = parseResult.GetValue(rounds),
                Guide = TrainingChoices.Guides[parseResult.GetValue(guide)!],
                DisplacementInit = TrainingChoices.DisplacementInits[parseResult.GetValue(displacementInit)!],
                Dropout = parseResult.GetValue(dropout),
                ModalityDropout = parseResult.GetValue(modalityDropout),
                RhythmSplitHead = parseResult.GetValue(rhythmSplitHead),
            };
            var trainer = new TrainerOptions
            {
                Epochs = parseResult.GetValue(epochs),
                LearningRate = parseResult.GetValue(learningRate),
                WeightDecay = parseResult.GetValue(weightDecay),
                Patience = parseResult.GetValue(patience),
                Seed = parseResult.GetValue(seed),
                Device = parseResult.GetValue(device)!,
            };
            if (parseResult.GetValue(fromRecording) is { } recording)
            {
                return TrainFromRecording.RunAsync(parseResult, TrainingOptions.Console(parseResult), recording, parseResult.GetValue(baseCheckpoint), parseResult.GetValue(output),
                    trainer, parseResult.GetValue(batchSize) ?? 256, TrainingChoices.Balancings[parseResult.GetValue(balance)!], parseResult.GetValue(resume), parseResult.GetValue(data), cancellationToken);
            }

            var checkpoint = parseResult.GetValue(output)
                ?? (parseResult.GetValue(crossValidation) ? Path.Combine("runs", $"cv-{variantName}") : Path.Combine("models", $"{taskName}-{variantName}.ckpt"));
            var run = new RunArguments(parseResult, TrainingOptions.Console(parseResult), trainer, checkpoint, parseResult.GetValue(resume), parseResult.GetValue(data),
                parseResult.GetValue(noiseAugmentation), parseResult.GetValue(beats));
            var arrhythmia = model with { Task = ModelTask.Arrhythmia, RhythmFeatures = BeatSpec.RhythmFeatureCount };
            var balancing = TrainingChoices.Balancings[parseResult.GetValue(balance)!];
            if (parseResult.GetValue(crossValidation))
            {
                return Task.FromResult(CrossValidate(run, arrhythmia, parseResult.GetValue(batchSize) ?? 256, balancing, parseResult.GetValue(folds), parseResult.GetValue(seeds),
                    parseResult.GetValue(scoreBeats), parseResult.GetValue(cache), cancellationToken));
            }

            return Task.FromResult(taskName == TrainingChoices.Arrhythmia
                ? TrainArrhythmia(run, arrhythmia, TrainingChoices.Splits[parseResult.GetValue(split)!], parseResult.GetValue(records),
                    parseResult.GetValue(batchSize) ?? 256, balancing, parseResult.GetValue(cache), cancellationToken)
                : TrainForecast(run, model with
                    {
                        Task = ModelTask.Forecast,
                        LookBack = parseResult.GetValue(lookBack),
                        Horizon = parseResult.GetValue(horizon),
                        ForecastArchitecture = TrainingChoices.Architectures[parseResult.GetValue(architecture)!],
                        ChannelIndependent = parseResult.GetValue(channelIndependent),
                        DailyCycle = parseResult.GetValue(dailyCycle),
                    },
                    parseResult.GetValue(ett), parseResult.GetValue(mode) == TrainingChoices.Univariate, parseResult.GetValue(batchSize) ?? 32,
                    TrainingChoices.ForecastLosses[parseResult.GetValue(loss)!], cancellationToken));
        });
        return command;
    }

    private static int TrainArrhythmia(RunArguments run, AtdConfig model, BeatProtocol protocol, string[]? records, int batchSize, ClassBalancing balancing,
        string? cache, CancellationToken cancellationToken)
    {
        var (mitdb, error) = TrainingDataFolder.Find(run.Data, "mitdb", "100.hea");
        if (mitdb is null)
        {
            return TrainingOptions.Fail(run.ParseResult, "train", error!);
        }

        var request = new ArrhythmiaTrainingRequest(mitdb, records is { Length: > 0 } ? records : BeatSplitFactory.DefaultRecords, protocol,
            model, run.Trainer, batchSize, balancing, run.Checkpoint, run.Resume) { NoiseAugmentation = run.NoiseAugmentation, Positions = run.Positions };
        var result = TrainingOptions.Guard(run.ParseResult, "train", () =>
        {
            model.Validate();
            return SpectreTrainingProgress.Run(run.Console, progress => ArrhythmiaTraining.Run(request, TrainingOptions.CacheAt(cache), progress, cancellationToken));
        });
        if (result?.Calibration is { } calibration)
        {
            run.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"Calibration (validation): temperature {calibration.Calibration.Temperature:F3}, ECE {calibration.Before.ExpectedCalibrationError:F4} → {calibration.After.ExpectedCalibrationError:F4}, confidence floor {calibration.Calibration.ConfidenceFloor:F2} (coverage {calibration.Coverage:P1})."));
            run.Console.MarkupLine($"Reliability diagram: {Markup.Escape(result.ReliabilityDiagram)}");
        }

        return result is null ? TrainingOptions.FailureExitCode : Report(run.Console, result.Outcome, result.Files);
    }

    private static int CrossValidate(RunArguments run, AtdConfig model, int batchSize, ClassBalancing balancing, int[]? folds, int[]? seeds, BeatPositions? scoredAt, string? cache,
        CancellationToken cancellationToken)
    {
        var (mitdb, error) = TrainingDataFolder.Find(run.Data, "mitdb", "100.hea");
        if (mitdb is null)
        {
            return TrainingOptions.Fail(run.ParseResult, "train", error!);
        }

        var modelError = TrainingOptions.Guard(run.ParseResult, "train", () =>
        {
            model.Validate();
            return string.Empty;
        });
        if (modelError is null)
        {
            return TrainingOptions.FailureExitCode;
        }

        var request = new ArrhythmiaTrainingRequest(mitdb, BeatSplitFactory.DefaultRecords, BeatProtocol.Inter, model, run.Trainer, batchSize, balancing,
            run.Checkpoint, Resume: false) { NoiseAugmentation = run.NoiseAugmentation, Positions = run.Positions };
        return TrainCrossValidation.Run(run.ParseResult, run.Console, request, folds, seeds, run.Checkpoint, cache, scoredAt, cancellationToken);
    }

    private static int TrainForecast(RunArguments run, AtdConfig model, string? ettOption, bool univariate, int batchSize, ForecastLoss loss, CancellationToken cancellationToken)
    {
        var (ett, error) = TrainingOptions.EttFile(ettOption, run.Data);
        if (ett is null)
        {
            return TrainingOptions.Fail(run.ParseResult, "train", error!);
        }

        var request = new ForecastTrainingRequest(ett, univariate, model, run.Trainer, batchSize, run.Checkpoint, run.Resume) { Loss = loss };
        var result = TrainingOptions.Guard(run.ParseResult, "train", () =>
        {
            model.Validate();
            return SpectreTrainingProgress.Run(run.Console, progress => ForecastTraining.Run(request, progress, cancellationToken));
        });
        return result is null ? TrainingOptions.FailureExitCode : Report(run.Console, result.Outcome, result.Files);
    }

    internal static int Report(IAnsiConsole console, TrainingOutcome outcome, TrainingRunFiles files)
    {
        var state = outcome.State;
        if (outcome.Interrupted)
        {
            console.MarkupLine($"[yellow]Interrupted[/] after {state.CompletedEpochs} epochs; run the same command with --resume to continue.");
            return InterruptedExitCode;
        }

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Best epoch {state.BestEpoch + 1} of {state.CompletedEpochs}: validation {Markup.Escape(state.MetricName)} {state.BestMetric:F4}; {state.FinishedBecause}; training time {state.TotalSeconds:F0} s."));
        console.MarkupLine($"Checkpoint: {Markup.Escape(files.Checkpoint)}");
        console.MarkupLine($"Training curve: {Markup.Escape(files.TrainingCurve)}");
        return 0;
    }

    /// <summary>The arguments both tasks share.</summary>
    private sealed record RunArguments(ParseResult ParseResult, IAnsiConsole Console, TrainerOptions Trainer, string Checkpoint, bool Resume, string? Data,
        double NoiseAugmentation, BeatPositions Positions);
}
