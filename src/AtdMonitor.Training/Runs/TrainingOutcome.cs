
namespace AtdMonitor.Training.Runs;

/// <summary>How a call to <see cref="Trainer.Run"/> ended.</summary>
/// <param name="State">The run's state as saved.</param>
/// <param name="Interrupted">True when cancelled before the run finished; resume continues it.</param>
public sealed record TrainingOutcome(TrainingRunState State, bool Interrupted);
