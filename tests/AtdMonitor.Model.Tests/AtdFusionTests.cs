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
        using var fusion = new AtdFusion(8, rounds: 1);
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
        using var fusion = new AtdFusion(16, rounds: 3);
        var displacements = fusion.named_parameters().Single(named => named.name == "displacements").parameter;

        Assert.Equal([3L, 16, 16], displacements.shape);
        Assert.True(displacements.allclose(eye(16).expand(3, -1, -1), rtol: 0, atol: 0.1));
    }
}
