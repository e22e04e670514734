using AtdMonitor.Model.Numerics;
using AtdMonitor.Model.Checkpoints;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Inference;

/// <summary>A checkpoint's <see cref="NormalizationStats"/> as tensors on the inference device.</summary>
internal sealed class InputNormalizer : IDisposable
{
    private readonly Tensor mean;
    private readonly Tensor std;
    private readonly long width;

    public InputNormalizer(NormalizationStats stats, int sampleSize, Device device)
    {
        stats.Validate(sampleSize);
        width = stats.Mean.Length;
        mean = tensor(stats.Mean).to(device);
        std = tensor(stats.Std).to(device);
    }

    /// <param name="raw">[B, ...] with S values per sample</param>
    /// <returns>[B, ...] normalised, same shape</returns>
    public Tensor Normalise(Tensor raw) => raw.view(raw.shape[0], -1, width).sub(mean).div(std).view(raw.shape);

    /// <param name="normalised">[B, ...] with a multiple of k values per sample</param>
    /// <returns>[B, ...] in raw units, same shape</returns>
    public Tensor Denormalise(Tensor normalised) =>
        normalised.view(normalised.shape[0], -1, width).mul(std).Plus(mean).view(normalised.shape);

    public void Dispose()
    {
        mean.Dispose();
        std.Dispose();
    }
}
