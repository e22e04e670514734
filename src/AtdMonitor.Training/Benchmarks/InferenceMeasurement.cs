using AtdMonitor.Model.Variants;

namespace AtdMonitor.Training.Benchmarks;

/// <summary>Inference speed of one variant at one batch size and thread count.</summary>
/// <param name="Variant">The model variant.</param>
/// <param name="Device">"cpu" or "cuda".</param>
/// <param name="Threads">Torch intra-op threads.</param>
/// <param name="BatchSize">Beats per call.</param>
/// <param name="WindowsPerSecond">Beats (or forecast windows) scored per second.</param>
/// <param name="MeanLatencyMilliseconds">Mean time of one call for the whole batch.</param>
/// <param name="P95LatencyMilliseconds">95th percentile of the same.</param>
public sealed record InferenceMeasurement(Variant Variant, string Device, int Threads, int BatchSize, double WindowsPerSecond, double MeanLatencyMilliseconds, double P95LatencyMilliseconds);
