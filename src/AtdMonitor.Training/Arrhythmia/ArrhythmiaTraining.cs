using AtdMonitor.Data.Beats;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Training.Plots;
using AtdMonitor.Training.Progress;
using AtdMonitor.Training.Runs;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Arrhythmia;

/// <summary>
/// One arrhythmia training run: beats (cached), the protocol's split, normalisation fitted on the training
/// beats, the model seeded from the run's seed, the <see cref="Trainer"/>, and the training-curve PNG.
/// </summary>
public static class ArrhythmiaTraining
{
    public static ArrhythmiaTrainingResult Run(ArrhythmiaTrainingRequest request, BeatDatasetCache cache, ITrainingProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dataset = Load(request, cache, progress);
        var split = BeatSplitFactory.Create(dataset, request.Protocol, request.Records);
        return Train(request, dataset, split, request.Trainer, request.CheckpointPath, progress, afterTraining: null, cancellationToken);
    }

    /// <summary>The request's beats, from the cache or built.</summary>
    public static BeatDataset Load(ArrhythmiaTrainingRequest request, BeatDatasetCache cache, ITrainingProgress progress)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(progress);
        progress.Message($"Loading {request.Records.Count} MIT-BIH records (cache: {cache.Directory}) ...");
        return cache.GetOrBuild(request.MitdbDirectory, request.Records);
    }

    /// <summary>Trains on <paramref name="split"/>'s training beats, validating on its validation beats, and writes the best
    /// epoch's checkpoint to <paramref name="checkpointPath"/>. <paramref name="afterTraining"/>, when given, sees the model
    /// with its final weights (in evaluation mode) and the validation beats before they are freed.</summary>
    public static ArrhythmiaTrainingResult Train(ArrhythmiaTrainingRequest request, BeatDataset dataset, BeatSplit split, TrainerOptions trainerOptions,
        string checkpointPath, ITrainingProgress progress, Action<ArrhythmiaModel, BeatTensors>? afterTraining, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(progress);
        progress.Message($"{split.Name}: {split.Train.Length} training beats {Counts(dataset, split.Train)}, {split.Validation.Length} validation beats {Counts(dataset, split.Validation)}.");

        var normalization = BeatNormalization.Fit(dataset, split.Train);
        using var training = BeatTensors.Create(dataset, split.Train, normalization);
        using var validation = BeatTensors.Create(dataset, split.Validation, normalization);
        random.manual_seed(trainerOptions.Seed);
        using var model = new ArrhythmiaModel(request.Model);
        using var task = new ArrhythmiaTrainingTask(model, training, validation, request.BatchSize, request.Balancing, AamiMapping.ClassNames, normalization);

        var files = new TrainingRunFiles(checkpointPath);
        var outcome = new Trainer(trainerOptions, progress).Run(task, files, request.Describe(), request.Resume, cancellationToken, request.Protocol.ToString());
        if (outcome.State.History.Count > 0)
        {
            TrainingCurvePlot.Save(outcome.State, $"ATD arrhythmia ({request.Model.Variant}, {split.Name})", files.TrainingCurve);
        }

        if (!outcome.Interrupted)
        {
            model.eval();
            afterTraining?.Invoke(model, validation);
        }

        return new ArrhythmiaTrainingResult(outcome, files, split.Train.Length, split.Validation.Length);
    }

    private static string Counts(BeatDataset dataset, IEnumerable<int> indices) =>
        "(" + string.Join(" ", dataset.ClassCounts(indices).Select((n, c) => $"{AamiMapping.ClassNames[c]} {n}")) + ")";
}
