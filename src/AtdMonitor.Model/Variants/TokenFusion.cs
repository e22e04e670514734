using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Variants;

/// <summary>The one module the variants swap: two matched token sequences in, one fused sequence out.</summary>
public abstract class TokenFusion : nn.Module<Tensor, Tensor, Tensor>
{
    protected TokenFusion(string name) : base(name)
    {
    }

    /// <param name="first">[B, T, d] matched tokens of modality 1 (signal)</param>
    /// <param name="second">[B, T, d] matched tokens of modality 2 (image or calendar)</param>
    /// <returns>[B, T, d] fused tokens</returns>
    public abstract override Tensor forward(Tensor first, Tensor second);
}
