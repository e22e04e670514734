using AtdMonitor.Model.Guide;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Model.Tests.Support;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Tests;

public sealed class GuideTests
{
    [Fact]
    public void In_eval_mode_a_window_alone_gives_the_same_output_as_in_a_batch_of_256()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(11);
        using var guide = new AtdGuide(16, momentum: 0.1);
        guide.train();
        for (var step = 0; step < 5; step++)
        {
            guide.forward(randn(32, 6, 16).mul(2).add(1));
        }

        guide.eval();
        var batch = randn(256, 6, 16);
        var inBatch = guide.forward(batch);
        var alone = guide.forward(batch.narrow(0, 100, 1));

        Assert.True(alone.allclose(inBatch.narrow(0, 100, 1), rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void Training_batches_move_the_running_statistics_which_are_buffers_not_parameters()
    {
        using var scope = NewDisposeScope();
        using var guide = new AtdGuide(8, momentum: 0.5);
        guide.train();

        guide.forward(full(4, 3, 8, 5f));

        var buffers = guide.named_buffers().ToDictionary(named => named.name, named => named.buffer);
        Assert.Equal(2.5f, buffers["runningMean"][0].item<float>(), 5);
        Assert.Equal(0.5f, buffers["runningVariance"][0].item<float>(), 5);
        Assert.DoesNotContain(guide.named_parameters(), named => named.name.StartsWith("running", StringComparison.Ordinal));
    }

    [Fact]
    public void Scale_and_shift_start_at_one_and_zero()
    {
        using var scope = NewDisposeScope();
        using var guide = new AtdGuide(8, momentum: 0.1);
        guide.eval();
        var tokens = randn(4, 3, 8);

        // Fresh running statistics are mean 0 and variance 1, so the guide starts close to the identity.
        Assert.True(guide.forward(tokens).allclose(tokens, rtol: 0, atol: 0.05));
    }

    [Fact]
    public void The_whole_arrhythmia_model_in_eval_mode_scores_a_beat_alone_as_in_a_batch_of_256()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(12);
        var config = TinyConfigs.Arrhythmia();
        using var model = new ArrhythmiaModel(config);
        model.train();
        var (signal, rhythm, image, present) = RandomInputs.Arrhythmia(config, 256);
        model.forward(signal, rhythm, image, present);
        model.eval();

        var inBatch = model.forward(signal, rhythm, image, present);
        for (var index = 0; index < 3; index++)
        {
            var alone = model.forward(signal.narrow(0, index, 1), rhythm.narrow(0, index, 1),
                                      image.narrow(0, index, 1), present.narrow(0, index, 1));
            Assert.True(alone.allclose(inBatch.narrow(0, index, 1), rtol: 0, atol: 1e-5));
        }
    }
}
