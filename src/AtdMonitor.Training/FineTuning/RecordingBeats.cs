using AtdMonitor.Data.Beats;

namespace AtdMonitor.Training.FineTuning;

/// <summary>The labelled beats of a recording and their split.</summary>
/// <param name="Dataset">All labelled beats (record name = bed), beds and time in order.</param>
/// <param name="Train">Indices of the first 80 % of each bed's beats.</param>
/// <param name="Validation">Indices of the last 20 % of each bed's beats.</param>
/// <param name="UnlabelledSeconds">Recorded seconds without any truth annotation (skipped: fine-tuning needs truth).</param>
/// <param name="ImageAbsentBeats">Beats whose recorded image is incomplete: image-absent in <see cref="BeatDataset.ImagePresent"/>,
/// as the worker classified them.</param>
/// <param name="ConflictingBeats">Beats whose truth labels disagree on the class (a label resent with another symbol):
/// R-peaks for the rhythm features, but not trained on.</param>
public sealed record RecordingBeats(BeatDataset Dataset, int[] Train, int[] Validation, double UnlabelledSeconds, int ImageAbsentBeats, int ConflictingBeats);
