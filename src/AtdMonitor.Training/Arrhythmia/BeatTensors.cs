using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Spectrograms;
using AtdMonitor.Model.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Arrhythmia;

/// <summary>The normalised model inputs and labels of a set of beats, as CPU tensors kept for a whole run.</summary>
public sealed class BeatTensors : IDisposable
{
    private BeatTensors(Tensor signals, Tensor rhythm, Tensor images, Tensor imagePresent, Tensor labels, int[] labelValues)
    {
        Signals = signals;
        Rhythm = rhythm;
        Images = images;
        ImagePresent = imagePresent;
        Labels = labels;
        LabelValues = labelValues;
    }

    /// <summary>[N, 256] float32.</summary>
    public Tensor Signals { get; }

    /// <summary>[N, 4] float32.</summary>
    public Tensor Rhythm { get; }

    /// <summary>[N, 1, 32, 32] float32.</summary>
    public Tensor Images { get; }

    /// <summary>[N] bool: false where the model gets its missing-image token (the image never arrived in the stream).</summary>
    public Tensor ImagePresent { get; }

    /// <summary>[N] int64 AAMI class indices.</summary>
    public Tensor Labels { get; }

    public IReadOnlyList<int> LabelValues { get; }

    public int Count => LabelValues.Count;

    /// <summary>Selects <paramref name="indices"/> of <paramref name="data"/> and applies <paramref name="normalization"/>.</summary>
    public static BeatTensors Create(BeatDataset data, IReadOnlyList<int> indices, IReadOnlyList<NormalizationStats> normalization)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(indices);
        var signals = Normalised(data.Signals, BeatSpec.WindowLength, indices, For(normalization, InputNames.Signal));
        var rhythm = Normalised(data.Rhythm, BeatSpec.RhythmFeatureCount, indices, For(normalization, InputNames.Rhythm));
        var images = Normalised(data.Images, BeatDataset.ImageSize, indices, For(normalization, InputNames.Image));
        var labels = indices.Select(i => data.Labels[i]).ToArray();
        return new BeatTensors(
            tensor(signals, [indices.Count, BeatSpec.WindowLength]),
            tensor(rhythm, [indices.Count, BeatSpec.RhythmFeatureCount]),
            tensor(images, [indices.Count, 1, SpectrogramSpec.Rows, SpectrogramSpec.BeatColumns]),
            tensor(indices.Select(i => data.ImagePresent[i]).ToArray()),
            tensor(labels.Select(l => (long)l).ToArray()),
            labels);
    }

    public void Dispose()
    {
        Signals.Dispose();
        Rhythm.Dispose();
        Images.Dispose();
        ImagePresent.Dispose();
        Labels.Dispose();
    }

    private static NormalizationStats For(IReadOnlyList<NormalizationStats> normalization, string input) =>
        normalization.FirstOrDefault(stats => stats.Input == input) ?? NormalizationStats.Identity(input);

    private static float[] Normalised(float[] values, int width, IReadOnlyList<int> indices, NormalizationStats stats)
    {
        var rows = BeatArrays.Gather(values, width, indices);
        stats.Apply(rows);
        return rows;
    }
}
