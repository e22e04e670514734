using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Training.Metrics;
using AtdMonitor.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Arrhythmia;

/// <summary>
/// AAMI beat classification for the <see cref="Trainer"/>: weighted (or re-sampled) cross-entropy on the
/// training beats, macro-F1 on the validation beats, and checkpoints that carry the fitted normalisation and
/// the class names. The loss is the network's alone: a rhythm split head is fitted before training
/// (<see cref="RhythmSplitFit"/>) and stays as it is.
/// </summary>
public sealed class ArrhythmiaTrainingTask : ITrainingTask, IDisposable
{
    private const int ValidationBatchSize = 1024;
    private readonly ArrhythmiaModel _model;
    private readonly BeatTensors _training;
    private readonly BeatTensors _validation;
    private readonly int _batchSize;
    private readonly ClassBalancing _balancing;
    private readonly IReadOnlyList<string> _classNames;
    private readonly IReadOnlyList<NormalizationStats> _normalization;
    private readonly Tensor? _lossWeights;
    private readonly Device _device;
    private readonly double[] _sampleWeights;
    private readonly BeatTensors? _noisyTraining;
    private readonly double _noiseProbability;
    private long[] _order = [];
    private bool[] _noisy = [];

    /// <param name="model">The network to train.</param>
    /// <param name="training">The training beats.</param>
    /// <param name="validation">The validation beats.</param>
    /// <param name="batchSize">Beats per step.</param>
    /// <param name="balancing">How the rare classes are weighted.</param>
    /// <param name="classNames">The class names the checkpoint records.</param>
    /// <param name="normalization">The normalisation the checkpoint records (already applied to the tensors).</param>
    /// <param name="noisyTraining">The training beats again, row for row, from noisy recordings; or null.</param>
    /// <param name="noiseProbability">Chance that a drawn training beat comes from <paramref name="noisyTraining"/>.</param>
    /// <param name="device">Where <paramref name="model"/> is; each batch goes there (CPU when null). The beats stay in host memory.</param>
    public ArrhythmiaTrainingTask(ArrhythmiaModel model, BeatTensors training, BeatTensors validation, int batchSize,
        ClassBalancing balancing, IReadOnlyList<string> classNames, IReadOnlyList<NormalizationStats> normalization,
        BeatTensors? noisyTraining = null, double noiseProbability = 0, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (training.Count == 0 || validation.Count == 0)
        {
            throw new ArgumentException($"Training needs beats on both sides: {training.Count} training, {validation.Count} validation.");
        }

        if (noisyTraining is not null && noisyTraining.Count != training.Count)
        {
            throw new ArgumentException($"The noisy copy has {noisyTraining.Count} beats, the training beats {training.Count}.", nameof(noisyTraining));
        }

        _noisyTraining = noisyTraining;
        _noiseProbability = noisyTraining is null ? 0 : noiseProbability;
        _model = model;
        _training = training;
        _validation = validation;
        _batchSize = batchSize;
        _balancing = balancing;
        _classNames = classNames;
        _normalization = normalization;
        _device = device ?? CPU;
        var weights = ClassFrequencies.InverseSquareRootWeights(ClassFrequencies.Count(training.LabelValues.ToArray(), model.Config.Classes));
        _lossWeights = balancing == ClassBalancing.Weights ? tensor(weights, device: _device) : null;
        _sampleWeights = training.LabelValues.Select(label => (double)weights[label]).ToArray();
    }

    public nn.Module Network => _model;

    public string MetricName => "macro-F1";

    public bool HigherIsBetter => true;

    public int BatchesPerEpoch => (_training.Count + _batchSize - 1) / _batchSize;

    /// <summary>The class weights in the loss (all 1 unless <see cref="ClassBalancing.Weights"/>).</summary>
    public IReadOnlyList<float> LossWeights => _lossWeights?.cpu().data<float>().ToArray() ?? Enumerable.Repeat(1f, _model.Config.Classes).ToArray();

    public void BeginEpoch(int epoch, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _order = _balancing == ClassBalancing.Sampling ? WeightedDraw(random) : Shuffled(random);
        _noisy = [.. _order.Select(_ => _noiseProbability > 0 && random.NextDouble() < _noiseProbability)];
    }

    public (Tensor Loss, int Samples) TrainingLoss(int batch)
    {
        var start = batch * _batchSize;
        var count = Math.Min(_batchSize, _order.Length - start);
        var index = tensor(_order.AsSpan(start, count).ToArray());
        var signals = _training.Signals.index_select(0, index);
        var rhythm = _training.Rhythm.index_select(0, index);
        var images = _training.Images.index_select(0, index);
        if (_noisyTraining is not null && _noisy.AsSpan(start, count).Contains(true))
        {
            var noisy = tensor(_noisy.AsSpan(start, count).ToArray());
            signals = where(noisy.unsqueeze(1), _noisyTraining.Signals.index_select(0, index), signals);
            rhythm = where(noisy.unsqueeze(1), _noisyTraining.Rhythm.index_select(0, index), rhythm);
            images = where(noisy.view(-1, 1, 1, 1), _noisyTraining.Images.index_select(0, index), images);
        }

        var (network, _) = _model.ForwardHeads(signals.to(_device), rhythm.to(_device), images.to(_device), _training.ImagePresent.index_select(0, index).to(_device));
        return (nn.functional.cross_entropy(network, _training.Labels.index_select(0, index).to(_device), weight: _lossWeights), count);
    }

    public ValidationResult Validate()
    {
        var matrix = new ConfusionMatrix(_classNames);
        var loss = Predict(_model, _validation, matrix);
        return new ValidationResult(loss, matrix.MacroF1);
    }

    public void SaveCheckpoint(string path) => new ModelCheckpoint(_model.Config, _classNames, _normalization).Save(path, _model);

    /// <summary>Scores <paramref name="beats"/> in evaluation mode on the model's device, adds them to <paramref name="matrix"/> and returns
    /// the mean cross-entropy; with <paramref name="probabilities"/>, also appends each beat's softmax row to it.</summary>
    public static double Predict(ArrhythmiaModel model, BeatTensors beats, ConfusionMatrix matrix, List<float>? probabilities = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(beats);
        ArgumentNullException.ThrowIfNull(matrix);
        using var noGrad = no_grad();
        var device = model.parameters().First().device;
        double lossSum = 0;
        for (var start = 0; start < beats.Count; start += ValidationBatchSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(ValidationBatchSize, beats.Count - start);
            var logits = model.forward(
                beats.Signals.narrow(0, start, count).to(device),
                beats.Rhythm.narrow(0, start, count).to(device),
                beats.Images.narrow(0, start, count).to(device),
                beats.ImagePresent.narrow(0, start, count).to(device));
            var labels = beats.Labels.narrow(0, start, count).to(device);
            lossSum += nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).item<float>();
            var predicted = logits.argmax(1).to_type(ScalarType.Int32).cpu().data<int>().ToArray();
            probabilities?.AddRange(logits.softmax(1).cpu().data<float>().ToArray());
            matrix.AddRange(beats.LabelValues.Skip(start).Take(count).ToArray(), predicted);
        }

        return lossSum / beats.Count;
    }

    public void Dispose() => _lossWeights?.Dispose();

    private long[] Shuffled(Random random)
    {
        var order = Enumerable.Range(0, _training.Count).Select(i => (long)i).ToArray();
        random.Shuffle(order);
        return order;
    }

    private long[] WeightedDraw(Random random)
    {
        var cumulative = new double[_sampleWeights.Length];
        double total = 0;
        for (var i = 0; i < cumulative.Length; i++)
        {
            total += _sampleWeights[i];
            cumulative[i] = total;
        }

        var order = new long[_training.Count];
        for (var i = 0; i < order.Length; i++)
        {
            var position = Array.BinarySearch(cumulative, random.NextDouble() * total);
            order[i] = Math.Min(position < 0 ? ~position : position, cumulative.Length - 1);
        }

        return order;
    }
}
