using AtdMonitor.Training.Optimization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Tests.Optimization;

public sealed class AdamWOptimizerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("atd-adamw-").FullName;

    [Fact]
    public void Its_steps_match_torch_adamw_with_weight_decay()
    {
        using var ours = TinyNetwork();
        using var reference = TinyNetwork();
        using var optimizer = new AdamWOptimizer(ours.parameters(), learningRate: 0.01, weightDecay: 0.1);
        using var torchOptimizer = optim.AdamW(reference.parameters(), lr: 0.01, weight_decay: 0.1);

        for (var step = 0; step < 20; step++)
        {
            TrainStep(ours, optimizer.ZeroGrad, optimizer.Step, step);
            TrainStep(reference, torchOptimizer.zero_grad, () => torchOptimizer.step(), step);
        }

        foreach (var (mine, theirs) in ours.parameters().Zip(reference.parameters()))
        {
            Assert.True(mine.allclose(theirs, rtol: 1e-5, atol: 1e-6), "parameters diverged from torch.optim.AdamW");
        }
    }

    [Fact]
    public void Parameters_marked_undecayed_step_as_torch_adamw_without_decay_and_the_others_with_it()
    {
        using var ours = TinyNetwork();
        using var reference = TinyNetwork();
        var decays = ours.named_parameters().Select(named => (named.parameter, named.name.StartsWith('0'))).ToList();
        using var optimizer = new AdamWOptimizer(decays, learningRate: 0.01, weightDecay: 0.1);
        var (first, second) = (((Linear)reference[0]).parameters(), ((Linear)reference[2]).parameters());
        using var decayed = optim.AdamW(first, lr: 0.01, weight_decay: 0.1);
        using var undecayed = optim.AdamW(second, lr: 0.01, weight_decay: 0);

        for (var step = 0; step < 20; step++)
        {
            TrainStep(ours, optimizer.ZeroGrad, optimizer.Step, step);
            TrainStep(reference, () => { decayed.zero_grad(); undecayed.zero_grad(); }, () => { decayed.step(); undecayed.step(); }, step);
        }

        foreach (var (mine, theirs) in ours.parameters().Zip(reference.parameters()))
        {
            Assert.True(mine.allclose(theirs, rtol: 1e-5, atol: 1e-6), "parameters diverged from torch.optim.AdamW with two decay groups");
        }
    }

    [Fact]
    public void A_saved_state_resumes_exactly_where_it_left_off()
    {
        using var uninterrupted = TinyNetwork();
        using var resumed = TinyNetwork();
        using var first = new AdamWOptimizer(uninterrupted.parameters(), learningRate: 0.01);
        for (var step = 0; step < 10; step++)
        {
            TrainStep(uninterrupted, first.ZeroGrad, first.Step, step);
            if (step == 4)
            {
                first.Save(Path.Combine(_directory, "adamw.bin"));
                CopyParameters(uninterrupted, resumed);
            }
        }

        using var second = new AdamWOptimizer(resumed.parameters(), learningRate: 0.01);
        second.Load(Path.Combine(_directory, "adamw.bin"));
        for (var step = 5; step < 10; step++)
        {
            TrainStep(resumed, second.ZeroGrad, second.Step, step);
        }

        Assert.Equal(10, second.Steps);
        foreach (var (a, b) in uninterrupted.parameters().Zip(resumed.parameters()))
        {
            Assert.True(a.allclose(b, rtol: 0, atol: 0), "a resumed run took other steps");
        }
    }

    [Fact]
    public void A_state_file_of_something_else_is_refused_with_its_reason()
    {
        using var network = TinyNetwork();
        using var optimizer = new AdamWOptimizer(network.parameters(), learningRate: 0.01);
        var path = Path.Combine(_directory, "other.bin");
        File.WriteAllText(path, "not an optimiser state");

        var error = Assert.Throws<InvalidDataException>(() => optimizer.Load(path));

        Assert.Contains("not an AdamW state", error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Sequential TinyNetwork()
    {
        random.manual_seed(7);
        return nn.Sequential(nn.Linear(3, 8), nn.GELU(), nn.Linear(8, 2));
    }

    private static void TrainStep(Sequential network, Action zeroGrad, Action step, int seed)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(100 + seed);
        var input = randn(16, 3);
        var target = randn(16, 2);
        zeroGrad();
        nn.functional.mse_loss(network.forward(input), target).backward();
        step();
    }

    private static void CopyParameters(Sequential from, Sequential to)
    {
        using var noGrad = no_grad();
        foreach (var (source, destination) in from.parameters().Zip(to.parameters()))
        {
            destination.copy_(source);
        }
    }
}
