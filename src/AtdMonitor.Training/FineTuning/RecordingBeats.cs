using AtdMonitor.Data.Beats;

namespace AtdMonitor.Training.FineTuning;

/// <summary>The labelled beats of a recording and their split.</summary>
/// <param name="Dataset">All labelled beats (record name = bed), beds and time in order.</param>
/// <param name="Train">Indices of the first 80 % of each bed's beats.</param>
/// <param name="Validation">Indices of the last 20 % of each bed's beats.</param>
/// <param name="UnlabelledSeconds">Recorded seconds without any truth annotation (skipped: fine-tuning needs truth).</param>
/// <param name="ComputedImages">Beats whose recorded image was missing, so their image was computed from lead 1 as offline.</param>
/// <param name="DroppedBeats">Labelled beats with neither a recorded image nor a second lead to compute one from.</param>
public sealed record RecordingBeats(BeatDataset Dataset, int[] Train, int[] Validation, double UnlabelledSeconds, int ComputedImages, int DroppedBeats);
