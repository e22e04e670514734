using System.Globalization;
using AtdMonitor.Data.Beats;
using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Inference;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Training.Arrhythmia;
using AtdMonitor.Training.Plots;
using AtdMonitor.Training.Progress;
using AtdMonitor.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Training.FineTuning;

/// <summary>
/// Fine-tunes an arrhythmia checkpoint on a recording's labelled beats with the <see cref="Trainer"/>: the base model's
/// weights are the start, its normalisation and class names are kept (not re-fitted, so the stream's inputs keep their
/// meaning), and the best epoch on the recording's validation slice is saved. Beats whose image never arrived are
/// trained and validated image-absent, as the worker classified them.
/// </summary>
public static class ArrhythmiaFineTuning
{
    public static FineTuningResult Run(FineTuningRequest request, ITrainingProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        // The base first: a checkpoint of another task fails before the recording is processed.
        var (checkpoint, model) = ModelCheckpoint.LoadArrhythmia(request.BaseCheckpoint);
        using (model)
        {
            return Run(request, checkpoint, model, progress, cancellationToken);
        }
    }

    private static FineTuningResult Run(FineTuningRequest request, ModelCheckpoint checkpoint, ArrhythmiaModel model, ITrainingProgress progress, CancellationToken cancellationToken)
    {
        BeatSpec.RequireRhythmFeatures(checkpoint.Config.RhythmFeatures);
        var beats = RecordingBeatsBuilder.Build(request.Stretches);
        if (beats.UnlabelledSeconds > 0)
        {
            progress.Message(string.Create(CultureInfo.InvariantCulture, $"Skipped {beats.UnlabelledSeconds:F0} s of recording without truth annotations: fine-tuning needs truth."));
        }

        if (beats.ConflictingBeats > 0)
        {
            progress.Message($"{beats.ConflictingBeats} beats carry truth labels of different classes (a label resent with another symbol): R-peaks for the rhythm features, left out of training.");
        }

        if (beats.ImageAbsentBeats > 0)
        {
            progress.Message($"{beats.ImageAbsentBeats} beats had no complete recorded image: trained and validated image-absent (the missing-image token), as the worker classified them.");
        }

        if (beats.Train.Length == 0 || beats.Validation.Length == 0)
        {
            throw new InvalidDataException(
                $"The recording '{request.RecordingName}' holds {beats.Dataset.Count} labelled beats; fine-tuning needs truth annotations (record with truth published) for at least 2 beats.");
        }

        progress.Message($"{beats.Train.Length} training beats {Counts(beats.Dataset, beats.Train)}, {beats.Validation.Length} validation beats (last 20 % per bed) {Counts(beats.Dataset, beats.Validation)}.");
        using var training = BeatTensors.Create(beats.Dataset, beats.Train, checkpoint.Normalization);
        using var validation = BeatTensors.Create(beats.Dataset, beats.Validation, checkpoint.Normalization);
        random.manual_seed(request.Trainer.Seed);
        var device = TorchDevice.Parse(request.Trainer.Device);
        model.to(device);
        using var task = new ArrhythmiaTrainingTask(model, training, validation, request.BatchSize, request.Balancing, checkpoint.Labels, checkpoint.Normalization,
            device: device);
        model.eval();
        var before = task.Validate();
        progress.Message(string.Create(CultureInfo.InvariantCulture,
            $"Base checkpoint on this validation slice: {task.MetricName} {before.Metric:F4} (loss {before.Loss:F4})."));
        var files = new TrainingRunFiles(request.CheckpointPath);
        var outcome = new Trainer(request.Trainer, progress).Run(task, files, request.Describe(), request.Resume, cancellationToken);
        if (outcome.State.History.Count > 0)
        {
            TrainingCurvePlot.Save(outcome.State, $"ATD arrhythmia fine-tune ({checkpoint.Config.Variant}, {request.RecordingName})", files.TrainingCurve);
        }

        if (!outcome.Interrupted && request.ReplayedRecords.Count > 0)
        {
            TrainedRecords.Write(files.Checkpoint, request.ReplayedRecords);
        }

        return new FineTuningResult(new ArrhythmiaTrainingResult(outcome, files, beats.Train.Length, beats.Validation.Length), before);
    }

    private static string Counts(BeatDataset dataset, IEnumerable<int> indices) =>
        "(" + string.Join(" ", dataset.ClassCounts(indices).Select((n, c) => $"{AamiMapping.ClassNames[c]} {n}")) + ")";
}
