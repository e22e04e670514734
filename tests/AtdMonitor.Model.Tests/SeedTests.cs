using AtdMonitor.Model.Tasks;
using AtdMonitor.Model.Tests.Support;
using AtdMonitor.Model.Variants;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Tests;

public sealed class SeedTests
{
    [Fact]
    public void A_fixed_seed_gives_identical_weights_and_identical_training_steps()
    {
        var first = TrainTwoStepsAndPredict(seed: 5);
        var second = TrainTwoStepsAndPredict(seed: 5);
        var other = TrainTwoStepsAndPredict(seed: 6);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    private static float[] TrainTwoStepsAndPredict(int seed)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(seed);
        var config = TinyConfigs.Arrhythmia(Variant.Atd);
        using var model = new ArrhythmiaModel(config);
        using var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        var (signal, rhythm, image, present) = RandomInputs.Arrhythmia(config, 16);
        var labels = arange(16).remainder(config.Classes);
        model.train();
        for (var step = 0; step < 2; step++)
        {
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.forward(signal, rhythm, image, present), labels).backward();
            optimizer.step();
        }

        model.eval();
        return model.forward(signal, rhythm, image, present).data<float>().ToArray();
    }
}
