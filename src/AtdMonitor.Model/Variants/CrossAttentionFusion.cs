using AtdMonitor.Model.Numerics;
using AtdMonitor.Model.Encoders;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Variants;

/// <summary>
/// Cross-attention baseline: each modality attends to the other (queries from one, keys and values from the
/// other, pre-norm with a residual); the two outputs are concatenated and projected to d.
/// </summary>
public sealed class CrossAttentionFusion : TokenFusion
{
    private readonly LayerNorm firstNorm;
    private readonly LayerNorm secondNorm;
    private readonly MultiHeadAttention firstToSecond;
    private readonly MultiHeadAttention secondToFirst;
    private readonly Linear projection;

    public CrossAttentionFusion(int width, int heads, double dropout) : base(nameof(CrossAttentionFusion))
    {
        firstNorm = nn.LayerNorm(width);
        secondNorm = nn.LayerNorm(width);
        firstToSecond = new MultiHeadAttention(width, heads, dropout);
        secondToFirst = new MultiHeadAttention(width, heads, dropout);
        projection = nn.Linear(2 * width, width);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor first, Tensor second)
    {
        var firstNormalised = firstNorm.forward(first);
        var secondNormalised = secondNorm.forward(second);
        var firstAttended = first.Plus(firstToSecond.forward(firstNormalised, secondNormalised));
        var secondAttended = second.Plus(secondToFirst.forward(secondNormalised, firstNormalised));
        return projection.forward(cat([firstAttended, secondAttended], 2));
    }
}
