using System.Diagnostics;
using AtdMonitor.Training.Optimization;
using AtdMonitor.Training.Progress;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Runs;

/// <summary>
/// The epoch loop shared by every task: AdamW with linear warm-up and cosine decay per step, gradient
/// clipping, validation after each epoch, the best epoch's checkpoint, early stopping, and a resumable
/// state written after each epoch.
/// </summary>
/// <remarks>
/// Each epoch reseeds torch and the task's <see cref="Random"/> from (seed, epoch), so a run that is
/// interrupted and resumed takes exactly the steps an uninterrupted one would. An epoch cut short by
/// cancellation is discarded: resuming redoes it from the last saved epoch.
/// </remarks>
public sealed class Trainer
{
    private readonly TrainerOptions _options;
    private readonly ITrainingProgress _progress;

    public Trainer(TrainerOptions options, ITrainingProgress progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Epochs);
        _options = options;
        _progress = progress;
    }

    /// <param name="task">The problem to train.</param>
    /// <param name="files">Where the checkpoint and the run state go.</param>
    /// <param name="settings">The task's own settings (variant, data, batch size ...); a resume must match them.</param>
    /// <param name="resume">Continue the run saved in <paramref name="files"/> if there is one.</param>
    /// <param name="cancellationToken">Stops after the current batch; the state stays at the last full epoch.</param>
    /// <param name="split">The data split trained on, kept in the run state (<see cref="TrainingRunState.Split"/>); null when the task has none.</param>
    public TrainingOutcome Run(ITrainingTask task, TrainingRunFiles files, string settings, bool resume, CancellationToken cancellationToken, string? split = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(files);
        files.Create();
        var fullSettings = $"{settings} {_options.Describe()}";
        var module = task.Network;
        using var optimizer = AdamWOptimizer.ForModel(module, _options.LearningRate, _options.WeightDecay);
        var state = resume && files.CanResume
            ? Restore(files, fullSettings, module, optimizer)
            : new TrainingRunState { Settings = fullSettings, MetricName = task.MetricName, Split = split };
        if (state.FinishedBecause is not null)
        {
            _progress.Message($"The run in {files.RunDirectory} already finished ({state.FinishedBecause}).");
            return new TrainingOutcome(state, Interrupted: false);
        }

        var stopping = new EarlyStopping(_options.Patience, task.HigherIsBetter);
        stopping.Restore(state.BestMetric, state.BestEpoch, state.EpochsWithoutImprovement);
        var totalSteps = _options.Epochs * task.BatchesPerEpoch;
        var schedule = new WarmupCosineSchedule(
            _options.LearningRate,
            warmupSteps: Math.Max(1, (int)Math.Round(_options.WarmupFraction * totalSteps)),
            totalSteps,
            _options.FloorFraction * _options.LearningRate);

        for (var epoch = state.CompletedEpochs; epoch < _options.Epochs; epoch++)
        {
            var record = RunEpoch(task, optimizer, schedule, state, epoch, cancellationToken);
            if (record is null)
            {
                _progress.Message($"Interrupted in epoch {epoch + 1}; `--resume` continues from epoch {epoch + 1} ({files.RunDirectory}).");
                return new TrainingOutcome(state, Interrupted: true);
            }

            var improved = stopping.Observe(epoch, record.ValidationMetric);
            if (improved)
            {
                task.SaveCheckpoint(files.Checkpoint);
            }

            state.History.Add(record);
            state.CompletedEpochs = epoch + 1;
            state.BestMetric = stopping.Best;
            state.BestEpoch = stopping.BestEpoch;
            state.EpochsWithoutImprovement = stopping.EpochsWithoutImprovement;
            if (stopping.ShouldStop)
            {
                state.FinishedBecause = $"early stop: no {task.MetricName} improvement in {_options.Patience} epochs";
            }
            else if (state.CompletedEpochs == _options.Epochs)
            {
                state.FinishedBecause = $"{_options.Epochs} epochs done";
            }

            Persist(files, state, module, optimizer);
            _progress.EpochCompleted(record, task.MetricName, improved);
            if (state.FinishedBecause is not null)
            {
                break;
            }
        }

        return new TrainingOutcome(state, Interrupted: false);
    }

    private EpochRecord? RunEpoch(ITrainingTask task, AdamWOptimizer optimizer, WarmupCosineSchedule schedule, TrainingRunState state, int epoch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        // Not HashCode.Combine: it is randomised per process, and a resume runs in another process.
        var epochSeed = unchecked((_options.Seed * 100_003) + epoch);
        random.manual_seed(epochSeed);
        task.BeginEpoch(epoch, new Random(epochSeed));
        task.Network.train();
        _progress.EpochStarted(epoch, _options.Epochs, task.BatchesPerEpoch);

        var step = state.Step;
        double lossSum = 0, learningRate = 0;
        long samples = 0;
        for (var batch = 0; batch < task.BatchesPerEpoch; batch++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            learningRate = schedule.LearningRateAt(step);
            optimizer.LearningRate = learningRate;

            using (NewDisposeScope())
            {
                optimizer.ZeroGrad();
                var (loss, count) = task.TrainingLoss(batch);
                loss.backward();
                nn.utils.clip_grad_norm_(task.Network.parameters(), _options.GradientClipNorm);
                optimizer.Step();
                var value = loss.item<float>();
                lossSum += value * count;
                samples += count;
                _progress.BatchCompleted(batch, value);
            }

            step++;
        }

        task.Network.eval();
        var validation = task.Validate();
        state.Step = step;
        return new EpochRecord(epoch, samples == 0 ? double.NaN : lossSum / samples, validation.Loss, validation.Metric,
            learningRate, Stopwatch.GetElapsedTime(started).TotalSeconds, samples);
    }

    private static TrainingRunState Restore(TrainingRunFiles files, string settings, nn.Module module, AdamWOptimizer optimizer)
    {
        var state = TrainingRunState.Load(files.State);
        if (state.Settings != settings)
        {
            throw new TrainingResumeException(
                $"Cannot resume {files.RunDirectory}: it was started with \"{state.Settings}\", this command asks for \"{settings}\". " +
                "Repeat the original arguments, or drop --resume to start over.");
        }

        module.load(files.LastWeights);
        optimizer.Load(files.OptimizerState);
        return state;
    }

    private static void Persist(TrainingRunFiles files, TrainingRunState state, nn.Module module, AdamWOptimizer optimizer)
    {
        // Each file is replaced atomically and the state goes last, so it never names an epoch whose
        // weights are not on disk.
        SaveAtomically(files.LastWeights, path => module.save(path));
        SaveAtomically(files.OptimizerState, optimizer.Save);
        state.Save(files.State);
    }

    private static void SaveAtomically(string path, Action<string> save)
    {
        var temporary = path + ".tmp";
        save(temporary);
        File.Move(temporary, path, overwrite: true);
    }
}
