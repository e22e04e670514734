using AtdMonitor.Model.Tasks;
using AtdMonitor.Model.Tests.Support;
using AtdMonitor.Model.Variants;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Tests;

public sealed class FusionTests(ITestOutputHelper output)
{
    [Fact]
    public void Atd_solves_a_task_that_needs_both_modalities_and_single_modalities_stay_at_chance()
    {
        var atd = TrainAndScore(Variant.Atd);
        var signalOnly = TrainAndScore(Variant.SignalOnly);
        var imageOnly = TrainAndScore(Variant.ImageOnly);
        output.WriteLine($"XOR accuracy: ATD {atd:F3}, signal only {signalOnly:F3}, image only {imageOnly:F3}");

        Assert.True(atd > 0.9, $"ATD accuracy {atd:F3}");
        Assert.True(signalOnly < 0.65, $"signal-only accuracy {signalOnly:F3}");
        Assert.True(imageOnly < 0.65, $"image-only accuracy {imageOnly:F3}");
    }

    private static double TrainAndScore(Variant variant)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(21);
        using var generator = new Generator(22);
        var config = XorTask.Config(variant);
        using var model = new ArrhythmiaModel(config);
        using var optimizer = optim.Adam(model.parameters(), lr: 3e-3);
        model.train();
        for (var step = 0; step < 300; step++)
        {
            using var stepScope = NewDisposeScope();
            var (signal, rhythm, image, present, labels) = XorTask.Batch(config, 64, generator);
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.forward(signal, rhythm, image, present), labels).backward();
            optimizer.step();
        }

        model.eval();
        using var noGrad = no_grad();
        var test = XorTask.Batch(config, 512, generator);
        var predicted = model.forward(test.Signal, test.Rhythm, test.Image, test.Present).argmax(1);
        return predicted.eq(test.Labels).to(ScalarType.Float32).mean().item<float>();
    }
}
