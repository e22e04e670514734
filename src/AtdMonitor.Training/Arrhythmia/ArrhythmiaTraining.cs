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
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(progress);
        progress.Message($"Loading {request.Records.Count} MIT-BIH records (cache: {cache.Directory}) ...");
        var dataset = cache.GetOrBuild(request.MitdbDirectory, request.Records);
        var split = BeatSplitFactory.Create(dataset, request.Protocol, request.Records);
        progress.Message($"{split.Name}: {split.Train.Length} training beats {Counts(dataset, split.Train)}, {split.Validation.Length} validation beats {Counts(dataset, split.Validation)}.");

        var normalization = BeatNormalization.Fit(dataset, split.Train);
        using var training = BeatTensors.Create(dataset, split.Train, normalization);
        using var validation = BeatTensors.Create(dataset, split.Validation, normalization);
        random.manual_seed(request.Trainer.Seed);
        using var model = new ArrhythmiaModel(request.Model);
        using var task = new ArrhythmiaTrainingTask(model, training, validation, request.BatchSize, request.Balancing, AamiMapping.ClassNames, normalization);

        var files = new TrainingRunFiles(request.CheckpointPath);
        var outcome = new Trainer(request.Trainer, progress).Run(task, files, request.Describe(), request.Resume, cancellationToken, request.Protocol.ToString());
        if (outcome.State.History.Count > 0)
        {
            TrainingCurvePlot.Save(outcome.State, $"ATD arrhythmia ({request.Model.Variant}, {split.Name})", files.TrainingCurve);
        }

        return new ArrhythmiaTrainingResult(outcome, files, split.Train.Length, split.Validation.Length);
    }

    private static string Counts(BeatDataset dataset, IEnumerable<int> indices) =>
        "(" + string.Join(" ", dataset.ClassCounts(indices).Select((n, c) => $"{AamiMapping.ClassNames[c]} {n}")) + ")";
}
