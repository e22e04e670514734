using AtdMonitor.Data.Beats;
using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Training.Arrhythmia;
using AtdMonitor.Training.Metrics;
using AtdMonitor.Training.Progress;

using AtdMonitor.Training.Calibration;

namespace AtdMonitor.Training.CrossValidation;

/// <summary>
/// Patient-wise k-fold cross-validation inside DS1 (<see cref="MitBihRecords.Ds1Folds"/>): for each seed and each
/// held-out fold, train on the other folds for a fixed number of epochs (no early stopping: the held-out fold must not
/// pick the epoch) and score the final weights on the held-out records. DS2 is never read.
/// </summary>
/// <remarks>The held-out fold can be scored at other beat positions than the training beats (<c>scoredAt</c>): at the
/// detector's positions every setting is scored on the beats the worker would classify, whatever it was trained on.
/// Each finished run is stored as <c>fold{F}-seed{S}.json</c> in the output folder, with its settings; a run
/// already stored with the same settings is not repeated, so a cross-validation can be resumed or split between
/// processes (<c>--folds</c>, <c>--seeds</c>) writing to the same folder.</remarks>
public static class ArrhythmiaCrossValidation
{
    /// <summary>Runs the missing (fold, seed) runs and returns every run stored in <paramref name="directory"/> with these settings.</summary>
    /// <param name="request">Data, model, batch, balance; the trainer options give epochs and schedule (patience is ignored).</param>
    /// <param name="folds">1-based folds to hold out.</param>
    /// <param name="seeds">Seeds to run each fold with.</param>
    /// <param name="directory">Where the per-run results (and the fold checkpoints) go.</param>
    /// <param name="cache">The built beat datasets.</param>
    /// <param name="progress">Receives each run's epochs.</param>
    /// <param name="cancellationToken">Stops the run in progress; its fold is redone next time.</param>
    /// <param name="scoredAt">Where the held-out beats are taken [default: where the training beats are, <c>request.Positions</c>].</param>
    public static IReadOnlyList<FoldRun> Run(ArrhythmiaTrainingRequest request, IReadOnlyList<int> folds, IReadOnlyList<int> seeds, string directory,
        BeatDatasetCache cache, ITrainingProgress progress, CancellationToken cancellationToken, BeatPositions? scoredAt = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(progress);
        var bad = folds.Where(f => f < 1 || f > MitBihRecords.Ds1Folds.Count).ToList();
        if (bad.Count > 0 || folds.Count == 0 || seeds.Count == 0)
        {
            throw new ArgumentException($"Folds must be 1 to {MitBihRecords.Ds1Folds.Count} (got {string.Join(", ", folds)}), with at least one seed.", nameof(folds));
        }

        Directory.CreateDirectory(directory);
        var scored = scoredAt ?? request.Positions;
        var settings = SettingsOf(request, scored);
        BeatDataset? dataset = null;
        BeatDataset? noisy = null;
        BeatDataset? scoredBeats = null;
        foreach (var seed in seeds)
        {
            foreach (var fold in folds)
            {
                var resultPath = Path.Combine(directory, $"fold{fold}-seed{seed}.json");
                if (File.Exists(resultPath) && FoldRun.Load(resultPath).Settings == settings)
                {
                    progress.Message($"Fold {fold}, seed {seed}: already done ({resultPath}).");
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (dataset is null)
                {
                    dataset = ArrhythmiaTraining.Load(request, cache, progress);
                    noisy = ArrhythmiaTraining.LoadNoisy(request, cache, progress);
                    scoredBeats = scored == request.Positions ? dataset : cache.GetOrBuild(request.MitdbDirectory, request.Records, positions: scored);
                }

                var split = BeatSplits.PatientFold(dataset, fold - 1);
                var trainer = request.Trainer with { Seed = seed, Patience = request.Trainer.Epochs };
                var matrix = new ConfusionMatrix(AamiMapping.ClassNames);
                var heldOutClasses = new List<int>();
                var heldOutProbabilities = new List<float>();
                var checkpoint = CheckpointPath(directory, fold, seed);
                var result = ArrhythmiaTraining.Train(request with { Resume = false }, dataset, noisy, split, trainer, checkpoint, progress,
                    (model, heldOut, normalization) =>
                    {
                        Score(model, heldOut, split.Validation, normalization, dataset, scoredBeats!, scoredBeats == dataset ? null : BeatSplits.PatientFold(scoredBeats!, fold - 1).Test,
                            matrix, heldOutClasses, heldOutProbabilities);
                        // The final weights replace the training's best-epoch checkpoint, which the held-out fold chose:
                        // the fold's model is then the one scored, and an out-of-fold replay is as blind as the figures.
                        new ModelCheckpoint(model.Config, AamiMapping.ClassNames, normalization).Save(checkpoint, model);
                    },
                    cancellationToken);
                if (result.Outcome.Interrupted)
                {
                    throw new OperationCanceledException("Cross-validation interrupted; run the same command again to continue.");
                }

                Directory.Delete(result.Files.RunDirectory, recursive: true);
                var counts = Enumerable.Range(0, matrix.ClassCount)
                    .Select(truth => Enumerable.Range(0, matrix.ClassCount).Select(predicted => matrix[truth, predicted]).ToArray())
                    .ToArray();
                new FoldRun(fold, seed, settings, matrix.ClassNames, counts, result.Outcome.State.TotalSeconds) { Truth = [.. heldOutClasses], Probabilities = [.. heldOutProbabilities] }
                    .Save(resultPath);
                progress.Message($"Fold {fold}, seed {seed}: accuracy {matrix.Accuracy:F4}, macro-F1 {matrix.MacroF1:F4} on {matrix.Total} held-out beats.");
            }
        }

        return Stored(directory, settings);
    }

    /// <summary>The held-out fold's beats: the validation tensors themselves, or the same records' beats at other positions,
    /// each record's beats then voted on by their families (<see cref="ArrhythmiaEvaluation.VoteByFamilies"/>) as the
    /// worker and <c>atd eval</c> do (on the fold model's probabilities at temperature 1: fold models are not calibrated,
    /// and the out-of-fold replays run them so); their true classes and probabilities are kept for ensembles of seeds.</summary>
    private static void Score(ArrhythmiaModel model, BeatTensors heldOut, int[] heldOutIndices, IReadOnlyList<NormalizationStats> normalization, BeatDataset dataset,
        BeatDataset scoredBeats, int[]? elsewhere, ConfusionMatrix matrix, List<int> truth, List<float> probabilities)
    {
        using var other = elsewhere is null ? null : BeatTensors.Create(scoredBeats, elsewhere, normalization);
        var beats = other ?? heldOut;
        var raw = new List<float>();
        ArrhythmiaTrainingTask.Predict(model, beats, new ConfusionMatrix(matrix.ClassNames), raw);
        var voted = raw.ToArray();
        ArrhythmiaEvaluation.VoteByFamilies(elsewhere is null ? dataset : scoredBeats, elsewhere ?? heldOutIndices, voted, matrix.ClassCount);
        var labels = beats.LabelValues.ToArray();
        for (var i = 0; i < labels.Length; i++)
        {
            var row = voted.AsSpan(i * matrix.ClassCount, matrix.ClassCount);
            matrix.Add(labels[i], ReliabilityBins.Top(row).Class);
        }

        truth.AddRange(labels);
        probabilities.AddRange(voted);
    }

    /// <summary>The checkpoint of fold <paramref name="fold"/> (1-based) and <paramref name="seed"/>: the model trained without
    /// that fold's records, with its final weights (the model whose held-out figures are stored).</summary>
    public static string CheckpointPath(string directory, int fold, int seed) => Path.Combine(directory, $"fold{fold}-seed{seed}.ckpt");

    /// <summary>Every run stored in <paramref name="directory"/> with <paramref name="settings"/>, by seed then fold.</summary>
    public static IReadOnlyList<FoldRun> Stored(string directory, string settings) =>
        [.. Directory.EnumerateFiles(directory, "fold*-seed*.json")
            .Select(FoldRun.Load)
            .Where(run => run.Settings == settings)
            .OrderBy(run => run.Seed).ThenBy(run => run.Fold)];

    /// <summary>The settings a stored run must share to be counted (the request's, the fixed-epoch schedule, and where the
    /// held-out beats are scored when that is not where the training beats are).</summary>
    public static string SettingsOf(ArrhythmiaTrainingRequest request, BeatPositions? scoredAt = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"cv={string.Join(";", MitBihRecords.Ds1Folds.Select(f => string.Join(",", f)))} {request.Describe()} " +
            (request.Trainer with { Seed = 0, Patience = request.Trainer.Epochs }).Describe() +
            (scoredAt is { } scored && scored != request.Positions ? $" scored-at={scored.ToString().ToLowerInvariant()}" : string.Empty) +
            $" {BeatFamilies.Describe}";
    }
}
