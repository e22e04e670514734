using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Training.Metrics;
using AtdMonitor.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Forecasting;

/// <summary>
/// Forecasting for the <see cref="Trainer"/>: MSE on z-normalised values over every step and variable, the
/// same MSE on the validation windows, and checkpoints that carry the z-score fitted on the training rows.
/// </summary>
public sealed class ForecastTrainingTask : ITrainingTask
{
    private const int EvaluationBatchSize = 256;
    private readonly ForecastModel _model;
    private readonly ForecastSeries _training;
    private readonly ForecastSeries _validation;
    private readonly int _batchSize;
    private readonly IReadOnlyList<string> _variableNames;
    private readonly NormalizationStats _zScore;
    private int[] _order = [];

    public ForecastTrainingTask(ForecastModel model, ForecastSeries training, ForecastSeries validation, int batchSize,
        IReadOnlyList<string> variableNames, NormalizationStats zScore)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _model = model;
        _training = training;
        _validation = validation;
        _batchSize = batchSize;
        _variableNames = variableNames;
        _zScore = zScore;
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
        var (history, calendar, future) = _training.Gather(_order.AsSpan(start, count));
        return (nn.functional.mse_loss(_model.forward(history, calendar), future), count);
    }

    public ValidationResult Validate()
    {
        var errors = Evaluate(_model, _validation);
        return new ValidationResult(errors.MeanSquaredError, errors.MeanSquaredError);
    }

    public void SaveCheckpoint(string path) => new ModelCheckpoint(_model.Config, _variableNames, [_zScore]).Save(path, _model);

    /// <summary>MSE and MAE of <paramref name="model"/> over every window of <paramref name="series"/>, on z-normalised values.</summary>
    public static ForecastErrors Evaluate(ForecastModel model, ForecastSeries series)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(series);
        var errors = new ForecastErrors();
        var windows = Enumerable.Range(0, series.Count).ToArray();
        using var noGrad = no_grad();
        for (var start = 0; start < windows.Length; start += EvaluationBatchSize)
        {
            using var scope = NewDisposeScope();
            var (history, calendar, future) = series.Gather(windows.AsSpan(start, Math.Min(EvaluationBatchSize, windows.Length - start)));
            errors.Add(model.forward(history, calendar).data<float>().ToArray(), future.data<float>().ToArray());
        }

        return errors;
    }
}
