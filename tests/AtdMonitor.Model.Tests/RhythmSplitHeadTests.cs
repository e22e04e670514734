using AtdMonitor.Model.Checkpoints;
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
}
