using AtdMonitor.Data.Beats;
using AtdMonitor.Model.Checkpoints;

namespace AtdMonitor.Training.Arrhythmia;

/// <summary>
/// The input normalisation an arrhythmia checkpoint carries, fitted on the training beats only: one scalar
/// for the beat window (already baseline-removed and amplitude-scaled by the data layer), one per RR feature,
/// one scalar for the spectrogram.
/// </summary>
public static class BeatNormalization
{
    public static IReadOnlyList<NormalizationStats> Fit(BeatDataset data, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(indices);
        return
        [
            NormalizationStats.Fit(InputNames.Signal, BeatArrays.Gather(data.Signals, BeatSpec.WindowLength, indices), 1),
            NormalizationStats.Fit(InputNames.Rhythm, BeatArrays.Gather(data.Rhythm, BeatSpec.RhythmFeatureCount, indices), BeatSpec.RhythmFeatureCount),
            NormalizationStats.Fit(InputNames.Image, BeatArrays.Gather(data.Images, BeatDataset.ImageSize, indices), 1),
        ];
    }
}
