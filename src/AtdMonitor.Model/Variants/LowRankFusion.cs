using AtdMonitor.Model.Numerics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Variants;

/// <summary>
/// Low-rank multimodal fusion (Liu et al. 2018): h = Σ_r w_r · (W1_r [f1 ; 1]) ⊙ (W2_r [f2 ; 1]) + b, with
/// rank-r modality-specific factors. (ours) Applied per matched token so the token axis is kept.
/// </summary>
public sealed class LowRankFusion : TokenFusion
{
    private readonly Parameter firstFactors;
    private readonly Parameter secondFactors;
    private readonly Parameter rankWeights;
    private readonly Parameter bias;

    public LowRankFusion(int width, int rank) : base(nameof(LowRankFusion))
    {
        firstFactors = new Parameter(nn.init.xavier_normal_(empty(rank, width + 1, width)));
        secondFactors = new Parameter(nn.init.xavier_normal_(empty(rank, width + 1, width)));
        rankWeights = new Parameter(nn.init.xavier_normal_(empty(1, rank)).view(rank));
        bias = new Parameter(zeros(width));
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor first, Tensor second)
    {
        var firstFactor = AppendOne(first).unsqueeze(1).matmul(firstFactors);   // [B, r, T, d]
        var secondFactor = AppendOne(second).unsqueeze(1).matmul(secondFactors); // [B, r, T, d]
        return (firstFactor * secondFactor * rankWeights.view(1, -1, 1, 1)).sum(1).Plus(bias);
    }

    /// <summary>[B, T, d] → [B, T, d + 1] with a constant 1 appended, so each factor also keeps unimodal terms.</summary>
    private static Tensor AppendOne(Tensor tokens) =>
        cat([tokens, ones(tokens.shape[0], tokens.shape[1], 1, dtype: tokens.dtype, device: tokens.device)], 2);
}
