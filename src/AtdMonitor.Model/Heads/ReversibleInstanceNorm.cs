using AtdMonitor.Model.Numerics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Heads;

/// <summary>
/// RevIN (Kim et al. 2022): each window's series is normalised by its own mean and standard deviation, with a
/// learned per-variable affine map, and the forecast is mapped back with the same statistics.
/// </summary>
public sealed class ReversibleInstanceNorm : nn.Module
{
    private static readonly Scalar Epsilon = 1e-5.ToScalar();

    private readonly Parameter weight;
    private readonly Parameter bias;

    public ReversibleInstanceNorm(int variables) : base(nameof(ReversibleInstanceNorm))
    {
        weight = new Parameter(ones(variables));
        bias = new Parameter(zeros(variables));
        RegisterComponents();
    }

    /// <param name="history">[B, L, V]</param>
    /// <returns>the normalised history [B, L, V] and the window statistics (mean, std), each [B, 1, V]</returns>
    public (Tensor Normalised, Tensor Mean, Tensor Std) Normalise(Tensor history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var mean = history.mean([1], keepdim: true).detach();
        var std = history.var([1], unbiased: false, keepdim: true).Plus(Epsilon).sqrt().detach();
        return (((history - mean) / std * weight).Plus(bias), mean, std);
    }

    /// <param name="forecast">[B, H, V] in the normalised scale</param>
    /// <param name="mean">[B, 1, V] from <see cref="Normalise"/></param>
    /// <param name="std">[B, 1, V] from <see cref="Normalise"/></param>
    /// <returns>[B, H, V] in the input scale</returns>
    public Tensor Denormalise(Tensor forecast, Tensor mean, Tensor std) =>
        ((forecast - bias) / weight.Plus(Epsilon) * std).Plus(mean);
}
