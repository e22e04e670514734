using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Tests;

public sealed class TorchSmokeTests
{
    [Fact]
    public void A_tiny_module_runs_forward_and_backward_on_the_cpu()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(1);
        using var linear = nn.Linear(4, 2);
        var input = randn(8, 4);
        var loss = linear.forward(input).pow(2).mean();

        loss.backward();

        Assert.True(float.IsFinite(loss.item<float>()));
        foreach (var parameter in linear.parameters())
        {
            Assert.NotNull(parameter.grad);
            Assert.True(parameter.grad!.abs().sum().item<float>() > 0f);
        }
    }
}
