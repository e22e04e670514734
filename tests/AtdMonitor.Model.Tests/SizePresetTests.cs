using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Encoders;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Model.Tests.Support;
using AtdMonitor.Model.Variants;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Tests;

public sealed class SizePresetTests
{
    [Fact]
    public void The_default_preset_is_the_configuration_defaults_and_the_shipped_one_the_shipped_checkpoints_shape()
    {
        Assert.Equal(new AtdConfig(), new AtdConfig().WithSize(ModelSize.Default));
        var shipped = new AtdConfig().WithSize(ModelSize.Shipped);

        Assert.Equal((32, 1, 64, 4), (shipped.ModelWidth, shipped.EncoderLayers, shipped.FeedForwardWidth, shipped.AttentionHeads));
    }

    [Fact]
    public void The_paper_preset_has_the_papers_encoder_scale_and_200_to_300_million_parameters()
    {
        var paper = new AtdConfig().WithSize(ModelSize.Paper);
        var oneLayer = paper with { EncoderLayers = 1 };
        using var layer = new TransformerEncoderLayer(paper.ModelWidth, paper.AttentionHeads, paper.FeedForwardWidth, paper.Dropout);

        // Two encoders, so each further layer adds two encoder layers' parameters to the one-layer model.
        var parameters = ParameterCounter.Count(oneLayer) + ((paper.EncoderLayers - 1) * 2 * ParameterCounter.Count(layer));

        Assert.InRange(paper.ModelWidth, 768, 1024);
        Assert.InRange(paper.EncoderLayers, 10, 12);
        Assert.InRange(parameters, 200_000_000, 300_000_000);
    }

    [Fact]
    public void A_reduced_depth_paper_model_runs_forward_and_backward_with_the_papers_shapes()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(41);
        var config = new AtdConfig().WithSize(ModelSize.Paper) with { EncoderLayers = 1 };
        using var model = new ArrhythmiaModel(config);
        model.train();
        var (signal, rhythm, image, present) = RandomInputs.Arrhythmia(config, 2);

        var logits = model.forward(signal, rhythm, image, present);
        nn.functional.cross_entropy(logits, tensor(new long[] { 0, 2 })).backward();

        Assert.Equal([2L, config.Classes], logits.shape);
        Assert.All(model.parameters(), parameter => Assert.NotNull(parameter.grad));
    }

    [Fact]
    public void Each_encoder_layer_adds_its_attention_and_feed_forward_flops_per_modality()
    {
        var one = TinyConfigs.Arrhythmia();
        var two = one with { EncoderLayers = 2 };
        long d = one.ModelWidth, ff = one.FeedForwardWidth;

        // Signal: 32 / 8 patches + the rhythm token = 5 tokens; image: (8 / 4)² = 4 patches.
        static long Layer(long n, long d, long ff) => 2 * ((4 * n * d * d) + (2 * n * n * d) + (2 * n * d * ff));

        Assert.Equal(Layer(5, d, ff) + Layer(4, d, ff), FlopCounter.ForwardFlops(two) - FlopCounter.ForwardFlops(one));
    }

    [Fact]
    public void Atd_at_k_1_without_a_guide_costs_concat_plus_the_two_displacement_products()
    {
        var concat = TinyConfigs.Forecast(Variant.Concat);
        var atd = TinyConfigs.Forecast() with { Guide = GuideKind.None };
        long t = concat.MatchedTokens, d = concat.ModelWidth;

        Assert.Equal(2 * 2 * t * d * d, FlopCounter.ForwardFlops(atd) - FlopCounter.ForwardFlops(concat));
    }
}
