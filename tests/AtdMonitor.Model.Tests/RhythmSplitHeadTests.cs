using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Heads;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Model.Tests.Support;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Tests;

public sealed class RhythmSplitHeadTests
{
    [Fact]
    public void The_split_keeps_the_networks_N_or_S_probability_and_divides_it_as_the_head_says()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(41);
        var network = randn(6, 5);
        var split = randn(6, 2);

        var combined = RhythmSplitHead.Combine(network, split).exp();

        var networkProbabilities = network.softmax(1);
        var headProbabilities = split.softmax(1);
        var normalOrSupraventricular = networkProbabilities.narrow(1, 0, 2).sum(1, keepdim: true);
        Assert.True(combined.sum(1).allclose(ones(6), atol: 1e-5));
        Assert.True(combined.narrow(1, 0, 2).allclose(normalOrSupraventricular * headProbabilities, atol: 1e-5));
        Assert.True(combined.narrow(1, 2, 3).allclose(networkProbabilities.narrow(1, 2, 3), atol: 1e-5));
    }

    [Fact]
    public void A_model_with_the_head_returns_its_networks_logits_split_by_the_head()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(42);
        var config = TinyConfigs.Arrhythmia() with { RhythmSplitHead = true };
        using var model = new ArrhythmiaModel(config);
        model.eval();
        var (signal, rhythm, image, present) = RandomInputs.Arrhythmia(config, 5);

        var (network, split) = model.ForwardHeads(signal, rhythm, image, present);
        var output = model.forward(signal, rhythm, image, present);

        Assert.NotNull(split);
        Assert.Equal(new long[] { 5, 2 }, split.shape);
        Assert.True(output.allclose(RhythmSplitHead.Combine(network, split)));
    }

    [Fact]
    public void A_model_with_the_head_round_trips_through_a_checkpoint()
    {
        using var directory = new TemporaryDirectory();
        using var scope = NewDisposeScope();
        random.manual_seed(43);
        var config = TinyConfigs.Arrhythmia() with { RhythmSplitHead = true };
        var path = directory.File("beat.atd");
        using var original = new ArrhythmiaModel(config);
        TestCheckpoints.TrainBriefly(original);
        TestCheckpoints.ArrhythmiaMetadata(config).Save(path, original);
        var (signal, rhythm, image, present) = RandomInputs.Arrhythmia(config, 7);

        var (checkpoint, restored) = ModelCheckpoint.LoadArrhythmia(path);
        using (restored)
        {
            restored.eval();
            Assert.True(checkpoint.Config.RhythmSplitHead);
            Assert.All(restored.RhythmSplit!.parameters(), parameter => Assert.False(parameter.requires_grad));
            Assert.True(restored.forward(signal, rhythm, image, present).eq(original.forward(signal, rhythm, image, present)).all().item<bool>());
        }
    }

    [Fact]
    public void A_gated_head_calls_no_beat_S_whose_irregularity_is_above_the_limit_and_leaves_the_others_as_they_were()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(44);
        using var gated = new RhythmSplitHead(16, gated: true);
        using var plain = new RhythmSplitHead(16);
        var coefficients = randn(16);
        gated.SetLogOdds(coefficients, 2.0);
        plain.SetLogOdds(coefficients, 2.0);
        gated.SetIrregularityLimit(0.5);
        var rhythm = randn(8, 16);
        rhythm[.., RhythmSplitHead.IrregularityFeature] = tensor(new[] { -2f, 0.4f, 0.5f, 0.6f, 3f, -0.1f, 1f, 0.49f });

        var gatedS = gated.forward(rhythm).softmax(1).select(1, RhythmSplitHead.Supraventricular);
        var plainS = plain.forward(rhythm).softmax(1).select(1, RhythmSplitHead.Supraventricular);

        var irregular = new[] { false, false, false, true, true, false, true, false };
        for (var beat = 0; beat < irregular.Length; beat++)
        {
            if (irregular[beat])
            {
                Assert.True(gatedS[beat].item<float>() < 1e-12, $"beat {beat}: P(S) {gatedS[beat].item<float>()}");
            }
            else
            {
                Assert.Equal(plainS[beat].item<float>(), gatedS[beat].item<float>());
            }
        }
    }

    [Fact]
    public void A_gated_model_round_trips_through_a_checkpoint_with_its_limit_and_an_ungated_one_saves_no_limit()
    {
        using var directory = new TemporaryDirectory();
        using var scope = NewDisposeScope();
        random.manual_seed(45);
        var config = TinyConfigs.Arrhythmia() with { RhythmSplitHead = true, SupraventricularIrregularityLimit = 0.15 };
        var path = directory.File("gated.atd");
        using var original = new ArrhythmiaModel(config);
        original.RhythmSplit!.SetLogOdds(zeros(config.RhythmFeatures), 5.0);
        original.RhythmSplit.SetIrregularityLimit(0.0);
        TestCheckpoints.ArrhythmiaMetadata(config).Save(path, original);
        var (signal, rhythm, image, present) = RandomInputs.Arrhythmia(config, 6);
        rhythm[.., RhythmSplitHead.IrregularityFeature] = tensor(new[] { -1f, 1f, -1f, 1f, -1f, 1f });

        var (checkpoint, restored) = ModelCheckpoint.LoadArrhythmia(path);
        using (restored)
        {
            original.eval();
            restored.eval();
            Assert.Equal(0.15, checkpoint.Config.SupraventricularIrregularityLimit);
            var output = restored.forward(signal, rhythm, image, present);
            Assert.True(output.eq(original.forward(signal, rhythm, image, present)).all().item<bool>());
            var supraventricular = output.exp().select(1, RhythmSplitHead.Supraventricular).data<float>().ToArray();
            Assert.All(supraventricular.Where((_, beat) => beat % 2 == 1), p => Assert.True(p < 1e-10f, $"irregular beat called S with {p}"));
            Assert.All(supraventricular.Where((_, beat) => beat % 2 == 0), p => Assert.True(p > 1e-3f, $"regular beat's S only {p}"));
        }

        Assert.DoesNotContain(nameof(AtdConfig.SupraventricularIrregularityLimit),
            System.Text.Json.JsonSerializer.Serialize(config with { SupraventricularIrregularityLimit = 0 }), StringComparison.Ordinal);
    }
}
