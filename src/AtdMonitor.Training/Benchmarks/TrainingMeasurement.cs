using AtdMonitor.Model.Variants;

namespace AtdMonitor.Training.Benchmarks;

/// <summary>Training speed of one variant (forward, backward and an AdamW step) and the process's peak memory.</summary>
/// <param name="Variant">The model variant.</param>
/// <param name="Device">"cpu" or "cuda".</param>
/// <param name="Threads">Torch intra-op threads.</param>
/// <param name="BatchSize">Beats per step.</param>
/// <param name="BeatsPerSecond">Training beats processed per second.</param>
/// <param name="PeakResidentBytes">Peak resident set size while training this variant (Linux VmHWM, reset before it where the kernel allows).</param>
public sealed record TrainingMeasurement(Variant Variant, string Device, int Threads, int BatchSize, double BeatsPerSecond, long PeakResidentBytes);
