using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Numerics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Fusion;

/// <summary>
/// ATD Fusion (paper §3.4): zoom/rotate one modality into the other's space with a trainable displacement
/// matrix Θ (initialised near the identity, or at random for the ablation), shift it by the other modality, then
/// W [h1 ; h2] + b.
/// K = 1: both directions at once, exactly the paper's g1 = f̂1 Θ12 + f̂2, g2 = f̂2 Θ21 + f̂1.
/// (ours) K ≥ 2: alternating rounds, modality 1 first: h_a ← LayerNorm(h_a Θ_ab^(k) + h_b).
/// K = 1 is linear in (f̂1, f̂2): W [f̂1 Θ12 + f̂2 ; f̂2 Θ21 + f̂1] + b = W' [f̂1 ; f̂2] + b for one W', so at K = 1 it
/// can express exactly what concatenation can, and ATD differs from concat only by its Guide (and the
/// parametrisation's effect on training).
/// </summary>
public sealed class AtdFusion : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Parameter displacements;
    private readonly ModuleList<LayerNorm> roundNorms;
    private readonly Linear projection;
    private readonly int rounds;

    public AtdFusion(int width, int rounds, DisplacementInit init) : base(nameof(AtdFusion))
    {
        this.rounds = rounds;
        var matrices = rounds == 1 ? 2 : rounds;
        displacements = new Parameter(init == DisplacementInit.Identity
            ? empty(matrices, width, width).normal_(0, 0.01).Plus(eye(width))
            : empty(matrices, width, width).normal_(0, 1 / Math.Sqrt(width)));
        roundNorms = nn.ModuleList(Enumerable.Range(0, rounds == 1 ? 0 : rounds).Select(_ => nn.LayerNorm(width)).ToArray());
        projection = nn.Linear(2 * width, width);
        RegisterComponents();
    }

    /// <param name="first">[B, T, d] calibrated tokens of modality 1</param>
    /// <param name="second">[B, T, d] calibrated tokens of modality 2</param>
    /// <returns>[B, T, d] fused tokens</returns>
    public override Tensor forward(Tensor first, Tensor second)
    {
        Tensor h1;
        Tensor h2;
        if (rounds == 1)
        {
            h1 = first.matmul(displacements[0]).Plus(second);
            h2 = second.matmul(displacements[1]).Plus(first);
        }
        else
        {
            (h1, h2) = (first, second);
            for (var round = 0; round < rounds; round++)
            {
                if (round % 2 == 0)
                {
                    h1 = roundNorms[round].forward(h1.matmul(displacements[round]).Plus(h2));
                }
                else
                {
                    h2 = roundNorms[round].forward(h2.matmul(displacements[round]).Plus(h1));
                }
            }
        }

        return projection.forward(cat([h1, h2], 2));
    }
}
