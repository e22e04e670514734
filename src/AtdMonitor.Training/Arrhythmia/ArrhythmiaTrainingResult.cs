using AtdMonitor.Training.Calibration;
using AtdMonitor.Training.Runs;

namespace AtdMonitor.Training.Arrhythmia;

/// <summary>A finished (or interrupted) arrhythmia run and where it wrote.</summary>
public sealed record ArrhythmiaTrainingResult(TrainingOutcome Outcome, TrainingRunFiles Files, int TrainingBeats, int ValidationBeats)
{
    /// <summary>The calibration fitted on the validation beats and recorded in the checkpoint; null when none was fitted.</summary>
    public CalibrationResult? Calibration { get; init; }

    /// <summary>The reliability diagram written beside the checkpoint.</summary>
    public string ReliabilityDiagram => Path.ChangeExtension(Files.Checkpoint, ".reliability.png");
}
