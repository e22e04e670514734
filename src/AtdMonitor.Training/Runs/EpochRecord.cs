namespace AtdMonitor.Training.Runs;

/// <summary>One finished epoch of a training run.</summary>
/// <param name="Epoch">Zero-based epoch index.</param>
/// <param name="TrainingLoss">Mean training loss over the epoch's batches.</param>
/// <param name="ValidationLoss">Loss on the validation split.</param>
/// <param name="ValidationMetric">The metric early stopping watches (see the run's metric name).</param>
/// <param name="LearningRate">The rate at the epoch's last step.</param>
/// <param name="Seconds">Wall-clock time of the epoch, validation included.</param>
/// <param name="TrainingSamples">Samples seen in the epoch.</param>
public sealed record EpochRecord(int Epoch, double TrainingLoss, double ValidationLoss, double ValidationMetric, double LearningRate, double Seconds, long TrainingSamples);
