using AtdMonitor.Data.Ett;
using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Training.Metrics;
using AtdMonitor.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Forecasting;

/// <summary>
/// Forecasting for the <see cref="Trainer"/>: the chosen loss (MSE or MAE) on z-normalised values over every step and
/// variable, MSE on the validation windows, and checkpoints that carry the z-score fitted on the training rows.
/// </summary>
public sealed class ForecastTrainingTask : ITrainingTask
{
    private const int EvaluationBatchSize = 256;
    private readonly ForecastModel _model;
    private readonly EttWindows _training;
    private readonly EttWindows _validation;
    private readonly ForecastBatch _batch;
    private readonly int _batchSize;
    private readonly NormalizationStats _zScore;
    private readonly ForecastTrainingData _data;
    private readonly ForecastLoss _loss;
    private readonly Device _device;
    private int[] _order = [];

    /// <param name="model">The model to train.</param>
    /// <param name="training">Z-normalised training windows.</param>
    /// <param name="validation">Z-normalised validation windows.</param>
    /// <param name="batchSize">Windows per step.</param>
    /// <param name="zScore">The training rows' per-variable statistics, stored in checkpoints so raw values can be fed.</param>
    /// <param name="data">The file and split trained on, stored in checkpoints.</param>
    /// <param name="loss">What training minimises.</param>
    /// <param name="device">Where <paramref name="model"/> is; the batches go there (CPU when null).</param>
    public ForecastTrainingTask(ForecastModel model, EttWindows training, EttWindows validation, int batchSize, NormalizationStats zScore, ForecastTrainingData data,
        ForecastLoss loss = ForecastLoss.Mse, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _model = model;
        _training = training;
        _validation = validation;
        _batch = new ForecastBatch(training, batchSize);
        _batchSize = batchSize;
        _zScore = zScore;
        _data = data ?? throw new ArgumentNullException(nameof(data));
        _loss = loss;
        _device = device ?? CPU;
    }

    public nn.Module Network => _model;

    public string MetricName => "MSE";

    public bool HigherIsBetter => false;

    public int BatchesPerEpoch => (_training.Count + _batchSize - 1) / _batchSize;

    public void BeginEpoch(int epoch, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _order = Enumerable.Range(0, _training.Count).ToArray();
        random.Shuffle(_order);
    }

    public (Tensor Loss, int Samples) TrainingLoss(int batch)
    {
        var start = batch * _batchSize;
        var count = Math.Min(_batchSize, _order.Length - start);
        var (history, calendar, future) = _batch.Gather(_order.AsSpan(start, count), _device);
        var forecast = _model.forward(history, calendar);
        return (_loss == ForecastLoss.Mae ? nn.functional.l1_loss(forecast, future) : nn.functional.mse_loss(forecast, future), count);
    }

    public ValidationResult Validate()
    {
        var errors = Evaluate(_model, _validation, _device);
        return new ValidationResult(errors.MeanSquaredError, errors.MeanSquaredError);
    }

    public void SaveCheckpoint(string path) => new ModelCheckpoint(_model.Config, _training.Variables, [_zScore], _data).Save(path, _model);

    /// <summary>MSE and MAE of <paramref name="model"/> (on <paramref name="device"/>, CPU when null) over every window of
    /// <paramref name="windows"/> (z-normalised values).</summary>
    public static ForecastErrors Evaluate(ForecastModel model, EttWindows windows, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(windows);
        var errors = new ForecastErrors();
        var batch = new ForecastBatch(windows, EvaluationBatchSize);
        var all = Enumerable.Range(0, windows.Count).ToArray();
        using var noGrad = no_grad();
        for (var start = 0; start < all.Length; start += EvaluationBatchSize)
        {
            using var scope = NewDisposeScope();
            var (history, calendar, future) = batch.Gather(all.AsSpan(start, Math.Min(EvaluationBatchSize, all.Length - start)), device ?? CPU);
            errors.Add(model.forward(history, calendar).cpu().contiguous().data<float>().ToArray(), future.cpu().data<float>().ToArray());
        }

        return errors;
    }
}
