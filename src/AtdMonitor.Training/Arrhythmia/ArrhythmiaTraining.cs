using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Noise;
using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Inference;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Training.Calibration;
using AtdMonitor.Training.Plots;
using AtdMonitor.Training.Progress;
using AtdMonitor.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Arrhythmia;

/// <summary>
/// One arrhythmia training run: beats (cached), the protocol's split, normalisation fitted on the training
/// beats, the model seeded from the run's seed, the <see cref="Trainer"/>, the training-curve PNG, and the calibration
/// (temperature and confidence floor) fitted on the validation beats with its reliability diagram.
/// </summary>
public static class ArrhythmiaTraining
{
    public static ArrhythmiaTrainingResult Run(ArrhythmiaTrainingRequest request, BeatDatasetCache cache, ITrainingProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dataset = Load(request, cache, progress);
        var noisy = LoadNoisy(request, cache, progress);
        var split = BeatSplitFactory.Create(dataset, request.Protocol, request.Records);
        var result = Train(request, dataset, noisy, split, request.Trainer, request.CheckpointPath, progress, afterTraining: null, cancellationToken);
        if (result.Outcome.Interrupted || !File.Exists(result.Files.Checkpoint))
        {
            return result;
        }

        var calibration = ArrhythmiaCalibration.Fit(result.Files.Checkpoint, dataset, split.Validation);
        ReliabilityDiagramPlot.Save(calibration.Before, calibration.After,
            $"{Path.GetFileName(result.Files.Checkpoint)}: validation beats, temperature {calibration.Calibration.Temperature:F2}", result.ReliabilityDiagram);
        progress.Message($"Calibrated on {calibration.Beats} validation beats: temperature {calibration.Calibration.Temperature:F3}, " +
            $"ECE {calibration.Before.ExpectedCalibrationError:F4} before, {calibration.After.ExpectedCalibrationError:F4} after; " +
            $"confidence floor {calibration.Calibration.ConfidenceFloor:F2} judges {calibration.Coverage:P1} of them.");
        return result with { Calibration = calibration };
    }

    /// <summary>The noisy copy of the request's beats for the augmentation (<see cref="EcgNoise.Augmentation"/>, seed 1), or
    /// null when the request has none.</summary>
    public static BeatDataset? LoadNoisy(ArrhythmiaTrainingRequest request, BeatDatasetCache cache, ITrainingProgress progress)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(progress);
        if (request.NoiseAugmentation <= 0)
        {
            return null;
        }

        var noise = EcgNoise.Augmentation(seed: 1);
        progress.Message($"Loading the noisy copy of the records for the augmentation ({noise.Describe()}) ...");
        return cache.GetOrBuild(request.MitdbDirectory, request.Records, noise, request.Positions);
    }

    /// <summary>The request's beats, from the cache or built.</summary>
    public static BeatDataset Load(ArrhythmiaTrainingRequest request, BeatDatasetCache cache, ITrainingProgress progress)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(progress);
        progress.Message($"Loading {request.Records.Count} MIT-BIH records (cache: {cache.Directory}) ...");
        return cache.GetOrBuild(request.MitdbDirectory, request.Records, positions: request.Positions);
    }

    /// <summary>Trains on <paramref name="split"/>'s training beats, validating on its validation beats, and writes the best
    /// epoch's checkpoint to <paramref name="checkpointPath"/>. <paramref name="noisy"/> (the same beats with noise, or
    /// null) feeds the noise augmentation. <paramref name="afterTraining"/>, when given, sees the model with its final
    /// weights (in evaluation mode), the validation beats before they are freed, and the normalisation fitted on the training beats.</summary>
    public static ArrhythmiaTrainingResult Train(ArrhythmiaTrainingRequest request, BeatDataset dataset, BeatDataset? noisy, BeatSplit split, TrainerOptions trainerOptions,
        string checkpointPath, ITrainingProgress progress, Action<ArrhythmiaModel, BeatTensors, IReadOnlyList<NormalizationStats>>? afterTraining, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(progress);
        progress.Message($"{split.Name}: {split.Train.Length} training beats {Counts(dataset, split.Train)}, {split.Validation.Length} validation beats {Counts(dataset, split.Validation)}.");

        var normalization = BeatNormalization.Fit(dataset, split.Train);
        using var training = BeatTensors.Create(dataset, split.Train, normalization);
        using var noisyTraining = noisy is null ? null : BeatTensors.Create(noisy, split.Train, normalization);
        using var validation = BeatTensors.Create(dataset, split.Validation, normalization);
        random.manual_seed(trainerOptions.Seed);
        using var model = new ArrhythmiaModel(request.Model);
        if (model.RhythmSplit is not null)
        {
            var (normal, supraventricular) = RhythmSplitFit.Fit(model, training);
            progress.Message($"Rhythm split head fitted on {normal} N and {supraventricular} S training beats.");
        }

        var device = TorchDevice.Parse(trainerOptions.Device);
        model.to(device);
        using var task = new ArrhythmiaTrainingTask(model, training, validation, request.BatchSize, request.Balancing, AamiMapping.ClassNames, normalization,
            noisyTraining, request.NoiseAugmentation, device);

        var files = new TrainingRunFiles(checkpointPath);
        var outcome = new Trainer(trainerOptions, progress).Run(task, files, request.Describe(), request.Resume, cancellationToken, request.Protocol.ToString());
        if (outcome.State.History.Count > 0)
        {
            TrainingCurvePlot.Save(outcome.State, $"ATD arrhythmia ({request.Model.Variant}, {split.Name})", files.TrainingCurve);
        }

        if (!outcome.Interrupted)
        {
            model.eval();
            afterTraining?.Invoke(model, validation, normalization);
        }

        return new ArrhythmiaTrainingResult(outcome, files, split.Train.Length, split.Validation.Length);
    }

    private static string Counts(BeatDataset dataset, IEnumerable<int> indices) =>
        "(" + string.Join(" ", dataset.ClassCounts(indices).Select((n, c) => $"{AamiMapping.ClassNames[c]} {n}")) + ")";
}
