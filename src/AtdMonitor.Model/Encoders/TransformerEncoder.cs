using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Encoders;

/// <summary>A stack of pre-norm transformer layers with a final LayerNorm; one per modality (separate weights).</summary>
public sealed class TransformerEncoder : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<TransformerEncoderLayer> layers;
    private readonly LayerNorm finalNorm;

    public TransformerEncoder(int depth, int width, int heads, int feedForwardWidth, double dropout) : base(nameof(TransformerEncoder))
    {
        layers = nn.ModuleList(Enumerable.Range(0, depth)
            .Select(_ => new TransformerEncoderLayer(width, heads, feedForwardWidth, dropout))
            .ToArray());
        finalNorm = nn.LayerNorm(width);
        RegisterComponents();
    }

    /// <param name="tokens">[B, N, d] embedded tokens</param>
    /// <returns>[B, N, d] encoded tokens f_m</returns>
    public override Tensor forward(Tensor tokens)
    {
        var hidden = tokens;
        foreach (var layer in layers)
        {
            hidden = layer.forward(hidden);
        }

        return finalNorm.forward(hidden);
    }
}
