using AtdMonitor.Model.Configuration;

namespace AtdMonitor.Model.Checkpoints;

/// <summary>The JSON document stored as manifest.json inside a checkpoint.</summary>
internal sealed record CheckpointManifest(
    int FormatVersion,
    AtdConfig Config,
    IReadOnlyList<string> Labels,
    IReadOnlyList<NormalizationStats> Normalization,
    ForecastTrainingData? Data = null);
