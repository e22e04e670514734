using AtdMonitor.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Tests.Runs;

/// <summary>Two fixed Gaussian blobs; a tiny MLP with dropout (so the per-epoch reseeding matters) initialised from <c>seed</c>.</summary>
internal sealed class ToyClassificationTask : ITrainingTask, IDisposable
{
    private const int Samples = 96;
    private const int BatchSize = 16;
    private readonly Tensor _inputs;
    private readonly Tensor _labels;
    private int[] _order = [];

    public ToyClassificationTask(int seed)
    {
        random.manual_seed(0);
        _labels = arange(Samples).remainder(2);
        _inputs = randn(Samples, 4) + (_labels.unsqueeze(1).to_type(ScalarType.Float32) * 2);
        random.manual_seed(seed);
        Network = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Dropout(0.2), nn.Linear(16, 2));
    }

    public nn.Module Network { get; }

    public string MetricName => "accuracy";

    public bool HigherIsBetter => true;

    public int BatchesPerEpoch => Samples / BatchSize;

    public int CheckpointsSaved { get; private set; }

    public void BeginEpoch(int epoch, Random random)
    {
        _order = Enumerable.Range(0, Samples).ToArray();
        random.Shuffle(_order);
    }

    public (Tensor Loss, int Samples) TrainingLoss(int batch)
    {
        var index = tensor(_order.AsSpan(batch * BatchSize, BatchSize).ToArray().Select(i => (long)i).ToArray());
        var logits = ((nn.Module<Tensor, Tensor>)Network).forward(_inputs.index_select(0, index));
        return (nn.functional.cross_entropy(logits, _labels.index_select(0, index)), BatchSize);
    }

    public ValidationResult Validate()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = ((nn.Module<Tensor, Tensor>)Network).forward(_inputs);
        var loss = nn.functional.cross_entropy(logits, _labels).item<float>();
        var accuracy = logits.argmax(1).eq(_labels).to_type(ScalarType.Float32).mean().item<float>();
        return new ValidationResult(loss, accuracy);
    }

    public void SaveCheckpoint(string path)
    {
        Network.save(path);
        CheckpointsSaved++;
    }

    public float[] Weights() => Network.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();

    public void Dispose()
    {
        Network.Dispose();
        _inputs.Dispose();
        _labels.Dispose();
    }
}
