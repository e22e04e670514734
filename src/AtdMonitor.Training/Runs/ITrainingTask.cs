using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Runs;

/// <summary>
/// One supervised problem as the <see cref="Trainer"/> sees it: a module, its training batches and loss, a
/// validation score and a way to write the best checkpoint. The trainer owns the optimiser, the schedule,
/// early stopping, resuming and progress.
/// </summary>
public interface ITrainingTask
{
    /// <summary>The network whose parameters are trained.</summary>
    nn.Module Network { get; }

    /// <summary>The metric early stopping watches, e.g. "macro-F1".</summary>
    string MetricName { get; }

    bool HigherIsBetter { get; }

    int BatchesPerEpoch { get; }

    /// <summary>Prepares an epoch's batches (order, sampling); all randomness must come from <paramref name="random"/>.</summary>
    void BeginEpoch(int epoch, Random random);

    /// <summary>The loss of training batch <paramref name="batch"/> (a scalar on the module's device), and its sample count.</summary>
    (Tensor Loss, int Samples) TrainingLoss(int batch);

    /// <summary>Scores the module on the validation split (the module is in evaluation mode).</summary>
    ValidationResult Validate();

    /// <summary>Writes the module's current weights as a checkpoint the inference side can load.</summary>
    void SaveCheckpoint(string path);
}
