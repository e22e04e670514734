using AtdMonitor.Data.Beats;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Training.Runs;

namespace AtdMonitor.Training.Arrhythmia;

/// <summary>Everything <c>atd train --task arrhythmia</c> was asked for.</summary>
/// <param name="MitdbDirectory">The folder with the MIT-BIH records.</param>
/// <param name="Records">The records to use (the 44 non-paced ones for the real protocols; fewer for smoke tests).</param>
/// <param name="Protocol">Inter- or intra-patient split.</param>
/// <param name="Model">Architecture (variant, width ...).</param>
/// <param name="Trainer">Optimiser and schedule.</param>
/// <param name="BatchSize">Beats per optimiser step.</param>
/// <param name="Balancing">How rare classes are weighted.</param>
/// <param name="CheckpointPath">Where the best epoch's checkpoint goes.</param>
/// <param name="Resume">Continue an interrupted run of the same settings.</param>
public sealed record ArrhythmiaTrainingRequest(
    string MitdbDirectory,
    IReadOnlyList<string> Records,
    BeatProtocol Protocol,
    AtdConfig Model,
    TrainerOptions Trainer,
    int BatchSize,
    ClassBalancing Balancing,
    string CheckpointPath,
    bool Resume)
{
    /// <summary>Chance that a training beat is taken, in an epoch, from the noisy copy of its record
    /// (<see cref="Data.Noise.EcgNoise.Augmentation"/>) instead of the clean one; 0 turns the augmentation off.</summary>
    public double NoiseAugmentation { get; init; }

    /// <summary>Where the beats are taken: at the reference annotations, or where the stream's detector finds them.</summary>
    public BeatPositions Positions { get; init; }

    /// <summary>The settings a resume must repeat (the trainer adds its own).</summary>
    public string Describe() =>
        $"task=arrhythmia split={Protocol} records={string.Join(",", Records)} batch={BatchSize} balance={Balancing} model={ConfigText.Of(Model)}" +
        (NoiseAugmentation > 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $" noise-augmentation={NoiseAugmentation:R}") : string.Empty) +
        (Positions == BeatPositions.Detected ? " beats=detected" : string.Empty);
}
