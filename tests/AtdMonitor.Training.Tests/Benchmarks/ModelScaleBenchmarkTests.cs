using AtdMonitor.Model.Configuration;
using AtdMonitor.Training.Benchmarks;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Tests.Benchmarks;

public sealed class ModelScaleBenchmarkTests : IDisposable
{
    private static readonly AtdConfig Tiny = new()
    {
        ModelWidth = 16, EncoderLayers = 1, AttentionHeads = 2, FeedForwardWidth = 32, MatchedTokens = 4,
        SignalLength = 32, SignalPatch = 8, ImageRows = 8, ImageColumns = 8, ImagePatch = 4,
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("atd-scale-").FullName;

    [Fact]
    public void It_times_each_step_and_reloads_the_trained_model_from_its_checkpoint_unchanged()
    {
        var lines = new List<string>();

        var measured = ModelScaleBenchmark.Measure(Tiny, "cpu", batchSize: 4, steps: 2, _directory, lines.Add);

        Assert.Equal(2, measured.StepSeconds.Count);
        Assert.True(measured.Parameters > 0);
        Assert.True(measured.CheckpointBytes > 4 * measured.Parameters / 2); // float32 weights, lightly compressed at most
        Assert.Equal(0, measured.LargestOutputDifference);
        Assert.Empty(Directory.GetFiles(_directory));
        Assert.Contains(lines, line => line.StartsWith("step 2/2", StringComparison.Ordinal));
    }

    [Fact]
    public void Asking_for_cuda_where_there_is_none_fails_with_a_message_that_says_so()
    {
        if (cuda.is_available())
        {
            return; // the CUDA path itself is what runs then
        }

        var error = Assert.Throws<InvalidOperationException>(() => ModelScaleBenchmark.Measure(Tiny, "cuda", 4, 1, _directory, _ => { }));

        Assert.Contains("CUDA is not available", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
