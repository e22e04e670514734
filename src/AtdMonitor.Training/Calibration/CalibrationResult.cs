using AtdMonitor.Model.Checkpoints;

namespace AtdMonitor.Training.Calibration;

/// <summary>What calibrating a checkpoint on validation beats found.</summary>
/// <param name="Calibration">The fitted temperature and the chosen confidence floor.</param>
/// <param name="Before">Reliability of the raw softmax.</param>
/// <param name="After">Reliability after temperature scaling.</param>
/// <param name="Coverage">Share of the validation beats at or above the floor.</param>
/// <param name="Beats">Validation beats used.</param>
public sealed record CalibrationResult(ClassifierCalibration Calibration, ReliabilityBins Before, ReliabilityBins After, double Coverage, int Beats);
