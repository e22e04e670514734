using AtdMonitor.Model.Configuration;
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
            guide.forward(randn(32, 6, 16).mul(2).add(1), 1);
        }

        guide.eval();
        var batch = randn(256, 6, 16);
        var inBatch = guide.forward(batch, 1);
        var alone = guide.forward(batch.narrow(0, 100, 1), 1);

        Assert.True(alone.allclose(inBatch.narrow(0, 100, 1), rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void Training_batches_move_the_running_statistics_of_their_own_modality_only_which_are_buffers_not_parameters()
    {
        using var scope = NewDisposeScope();
        using var guide = new AtdGuide(8, momentum: 0.5);
        guide.train();

        guide.forward(full(4, 3, 8, 5f), 1);

        var buffers = guide.named_buffers().ToDictionary(named => named.name, named => named.buffer);
        Assert.Equal([2L, 8], buffers["runningMean"].shape);
        Assert.Equal(2.5f, buffers["runningMean"][1, 0].item<float>(), 5);
        Assert.Equal(0.5f, buffers["runningVariance"][1, 0].item<float>(), 5);
        Assert.Equal(0f, buffers["runningMean"][0, 0].item<float>(), 5);
        Assert.Equal(1f, buffers["runningVariance"][0, 0].item<float>(), 5);
        Assert.DoesNotContain(guide.named_parameters(), named => named.name.StartsWith("running", StringComparison.Ordinal));
    }

    [Fact]
    public void The_shared_guide_conditions_one_network_on_an_embedding_of_the_two_modalities()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(13);
        using var guide = new AtdGuide(8, momentum: 0.1);
        var parameters = guide.named_parameters().ToDictionary(named => named.name, named => named.parameter);
        using (no_grad())
        {
            parameters["scaleShift.weight"].normal_(0, 1); // a trained-looking Guide, so that γ and β depend on the input
        }

        guide.eval();
        var tokens = randn(4, 3, 8);

        Assert.Equal([2L, 8], parameters["modalityEmbedding.weight"].shape);
        Assert.Equal([8L, 16], parameters["hidden.weight"].shape); // [mean tokens ; e_m] → d, one network for both
        Assert.False(guide.forward(tokens, 0).allclose(guide.forward(tokens, 1), rtol: 0, atol: 1e-4));
        Assert.Throws<ArgumentOutOfRangeException>(() => guide.forward(tokens, 2));
    }

    [Fact]
    public void A_per_modality_guide_also_scores_a_window_alone_as_in_a_batch()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(14);
        using var guide = new PerModalityAtdGuide(16, momentum: 0.1);
        guide.train();
        guide.forward(randn(32, 6, 16).mul(3).add(2));
        guide.eval();
        var batch = randn(256, 6, 16);

        Assert.True(guide.forward(batch.narrow(0, 7, 1)).allclose(guide.forward(batch).narrow(0, 7, 1), rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void The_shared_guide_has_one_ffnn_fewer_than_two_per_modality_guides()
    {
        const int d = 16;
        var shared = ParameterCounterFor(GuideKind.Shared);
        var perModality = ParameterCounterFor(GuideKind.PerModality);
        var none = ParameterCounterFor(GuideKind.None);

        // FFNN: (2d → d) + (d → 2d) with biases; the modality vectors are 2 × d either way.
        Assert.Equal((2 * d * d) + d + (d * 2 * d) + (2 * d), perModality - shared);
        Assert.Equal((2 * d * d) + d + (d * 2 * d) + (2 * d) + (2 * d), shared - none);
    }

    [Fact]
    public void Scale_and_shift_start_at_one_and_zero()
    {
        using var scope = NewDisposeScope();
        using var guide = new AtdGuide(8, momentum: 0.1);
        guide.eval();
        var tokens = randn(4, 3, 8);

        // Fresh running statistics are mean 0 and variance 1, so the guide starts close to the identity.
        Assert.True(guide.forward(tokens, 0).allclose(tokens, rtol: 0, atol: 0.05));
        Assert.True(guide.forward(tokens, 1).allclose(tokens, rtol: 0, atol: 0.05));
    }

    [Theory]
    [InlineData(GuideKind.Shared)]
    [InlineData(GuideKind.PerModality)]
    [InlineData(GuideKind.None)]
    public void The_whole_arrhythmia_model_in_eval_mode_scores_a_beat_alone_as_in_a_batch_of_256(GuideKind guide)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(12);
        var config = TinyConfigs.Arrhythmia() with { Guide = guide };
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

    private static long ParameterCounterFor(GuideKind guide) =>
        Variants.ParameterCounter.Count(TinyConfigs.Arrhythmia() with { Guide = guide });
}
