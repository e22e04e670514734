using AtdMonitor.Data.Recordings;
using AtdMonitor.Training.Arrhythmia;
using AtdMonitor.Training.Runs;

namespace AtdMonitor.Training.FineTuning;

/// <summary>Everything <c>atd train --from-recording</c> was asked for.</summary>
/// <param name="Stretches">The recording, read by the caller.</param>
/// <param name="RecordingName">Names the recording in the run's settings (a resume must repeat it).</param>
/// <param name="BaseCheckpoint">The arrhythmia checkpoint to start from; its config, normalisation and class names are kept.</param>
/// <param name="Trainer">Optimiser and schedule.</param>
/// <param name="BatchSize">Beats per optimiser step.</param>
/// <param name="Balancing">How rare classes are weighted.</param>
/// <param name="CheckpointPath">Where the best epoch's checkpoint goes.</param>
/// <param name="Resume">Continue an interrupted run of the same settings.</param>
/// <param name="ReplayedRecords">MIT-BIH records the recording replayed (<see cref="ReplayedRecordFinder"/>); written into the checkpoint.</param>
public sealed record FineTuningRequest(
    IReadOnlyList<RecordedStretch> Stretches,
    string RecordingName,
    string BaseCheckpoint,
    TrainerOptions Trainer,
    int BatchSize,
    ClassBalancing Balancing,
    string CheckpointPath,
    bool Resume,
    IReadOnlyList<string> ReplayedRecords)
{
    /// <summary>The settings a resume must repeat (the trainer adds its own).</summary>
    public string Describe() =>
        $"task=arrhythmia fine-tune base={Path.GetFullPath(BaseCheckpoint)} recording={RecordingName} batch={BatchSize} balance={Balancing}";
}
