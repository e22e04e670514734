using AtdMonitor.Model.Configuration;

namespace AtdMonitor.Model.Checkpoints;

/// <summary>The JSON document stored as manifest.json inside a checkpoint. <paramref name="Calibration"/> is absent
/// from checkpoints written before calibration existed (they read as uncalibrated).</summary>
internal sealed record CheckpointManifest(
    int FormatVersion,
    AtdConfig Config,
    IReadOnlyList<string> Labels,
    IReadOnlyList<NormalizationStats> Normalization,
    ForecastTrainingData? Data = null,
    ClassifierCalibration? Calibration = null);
