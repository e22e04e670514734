using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Model.Variants;
using AtdMonitor.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Tests.Optimization;

public sealed class WeightDecayPolicyTests
{
    private static readonly AtdConfig Tiny = new()
    {
        ModelWidth = 16, EncoderLayers = 1, AttentionHeads = 2, FeedForwardWidth = 32, MatchedTokens = 4,
        SignalLength = 32, SignalPatch = 8, ImageRows = 8, ImageColumns = 8, ImagePatch = 4, LookBack = 16, Horizon = 4, Variables = 3,
    };

    [Fact]
    public void Only_the_matrices_of_linear_maps_decay_in_the_atd_forecaster()
    {
        using var model = new ForecastModel(Tiny with { Task = ModelTask.Forecast, FusionRounds = 2 });

        var split = WeightDecayPolicy.Split(model).ToDictionary(named => named.Name, named => named.Decays);

        Assert.Equal(model.parameters().Count(), split.Count);
        Assert.All(split.Where(named => named.Value), named => Assert.EndsWith(".weight", named.Key, StringComparison.Ordinal));
        Assert.All(split.Keys.Where(name => name.EndsWith(".bias", StringComparison.Ordinal)), name => Assert.False(split[name], name));
        Assert.False(split["revin.weight"]);
        Assert.False(split["backbone.fusion.fusion.displacements"]);
        Assert.False(split["backbone.fusion.guide.modalityEmbedding.weight"]);
        Assert.False(split["backbone.fusion.fusion.roundNorms.0.weight"]);
        Assert.False(split["calendarEmbedding.fields.0.weight"]);
        Assert.False(split["calendarEmbedding.positions"]);
        Assert.False(split["backbone.firstMatcher.queries"]);
        Assert.True(split["backbone.fusion.guide.hidden.weight"]);
        Assert.True(split["backbone.fusion.fusion.projection.weight"]);
        Assert.True(split["head.projection.weight"]);
    }

    [Fact]
    public void The_image_patch_convolution_and_the_lmf_factors_decay_but_tokens_and_positions_do_not()
    {
        using var model = new ArrhythmiaModel(Tiny with { Variant = Variant.Lmf });

        var split = WeightDecayPolicy.Split(model).ToDictionary(named => named.Name, named => named.Decays);

        Assert.True(split["imageEmbedding.projection.weight"]);
        Assert.True(split["backbone.fusion.firstFactors"]);
        Assert.False(split["backbone.fusion.rankWeights"]);
        Assert.False(split["imageEmbedding.rowPositions"]);
        Assert.False(split["missingImage.token"]);
        Assert.False(split["rhythmEmbedding.tokenType"]);
        Assert.False(split["head.norm.weight"]);
    }

    [Fact]
    public void A_step_without_gradient_signal_shrinks_only_the_decayed_parameters()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(5);
        using var model = new ArrhythmiaModel(Tiny);
        var before = model.named_parameters().ToDictionary(named => named.name, named => named.parameter.detach().clone());
        using var optimizer = AdamWOptimizer.ForModel(model, learningRate: 0.1, weightDecay: 0.5);
        foreach (var parameter in model.parameters())
        {
            parameter.grad = zeros_like(parameter); // zero moments: the step is the decay alone
        }

        optimizer.Step();

        foreach (var (name, _, decays) in WeightDecayPolicy.Split(model))
        {
            var after = model.named_parameters().Single(named => named.name == name).parameter;
            var expected = decays ? before[name] * 0.95 : before[name];
            Assert.True(after.allclose(expected, rtol: 1e-6, atol: 1e-7), name);
        }
    }
}
