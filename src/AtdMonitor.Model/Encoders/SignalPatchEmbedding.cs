using AtdMonitor.Model.Numerics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Encoders;

/// <summary>
/// Non-overlapping 1-D patches of P time steps (all channels of a patch together), linear to d,
/// plus a learned position embedding per patch.
/// </summary>
public sealed class SignalPatchEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly Linear projection;
    private readonly Parameter positions;
    private readonly int patch;
    private readonly int channels;

    public SignalPatchEmbedding(int length, int channels, int patch, int width) : base(nameof(SignalPatchEmbedding))
    {
        this.patch = patch;
        this.channels = channels;
        projection = nn.Linear(patch * channels, width);
        positions = new Parameter(empty(length / patch, width).normal_(0, 0.02));
        RegisterComponents();
    }

    /// <param name="series">[B, L, C] (C = 1 for an ECG window)</param>
    /// <returns>[B, L / P, d]</returns>
    public override Tensor forward(Tensor series)
    {
        var patches = series.reshape(series.shape[0], -1, patch * channels);
        return projection.forward(patches).Plus(positions);
    }
}
