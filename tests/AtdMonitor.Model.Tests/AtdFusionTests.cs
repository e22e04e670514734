using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Fusion;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Tests;

public sealed class AtdFusionTests
{
    [Fact]
    public void One_round_is_the_papers_formula_with_both_directions_at_once()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(51);
        using var fusion = new AtdFusion(8, rounds: 1, DisplacementInit.Identity);
        var weights = fusion.named_parameters().ToDictionary(named => named.name, named => named.parameter);
        var (f1, f2) = (randn(2, 3, 8), randn(2, 3, 8));

        var g1 = f1.matmul(weights["displacements"][0]) + f2;
        var g2 = f2.matmul(weights["displacements"][1]) + f1;
        var expected = nn.functional.linear(cat([g1, g2], 2), weights["projection.weight"], weights["projection.bias"]);

        Assert.True(fusion.forward(f1, f2).allclose(expected, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Displacements_start_near_the_identity()
    {
        using var scope = NewDisposeScope();
        using var fusion = new AtdFusion(16, rounds: 3, DisplacementInit.Identity);
        var displacements = fusion.named_parameters().Single(named => named.name == "displacements").parameter;

        Assert.Equal([3L, 16, 16], displacements.shape);
        Assert.True(displacements.allclose(eye(16).expand(3, -1, -1), rtol: 0, atol: 0.1));
    }

    [Fact]
    public void Random_displacements_are_far_from_the_identity_with_variance_one_over_d()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(52);
        using var fusion = new AtdFusion(64, rounds: 1, DisplacementInit.Random);
        var displacements = fusion.named_parameters().Single(named => named.name == "displacements").parameter;

        Assert.Equal(1.0 / 64, displacements.var().item<float>(), 3);
        Assert.False(displacements.allclose(eye(64).expand(2, -1, -1), rtol: 0, atol: 0.5));
    }

    [Fact]
    public void One_round_is_a_linear_map_of_the_concatenated_inputs_as_concat_fusion_is()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(53);
        using var fusion = new AtdFusion(8, rounds: 1, DisplacementInit.Random);
        var weights = fusion.named_parameters().ToDictionary(named => named.name, named => named.parameter);
        var (theta12, theta21) = (weights["displacements"][0], weights["displacements"][1]);
        var (wA, wB) = (weights["projection.weight"].narrow(1, 0, 8), weights["projection.weight"].narrow(1, 8, 8));
        var (f1, f2) = (randn(2, 3, 8), randn(2, 3, 8));

        // W [f1 Θ12 + f2 ; f2 Θ21 + f1] + b = [f1 ; f2] W'ᵀ + b with W' = [(Θ12 W_Aᵀ + W_Bᵀ)ᵀ, (W_Aᵀ + Θ21 W_Bᵀ)ᵀ].
        var equivalent = cat([theta12.matmul(wA.t()) + wB.t(), wA.t() + theta21.matmul(wB.t())], 0).t();
        var concat = nn.functional.linear(cat([f1, f2], 2), equivalent, weights["projection.bias"]);

        Assert.True(fusion.forward(f1, f2).allclose(concat, rtol: 0, atol: 1e-5));
    }
}
