namespace AtdMonitor.Training.Metrics;

/// <summary>
/// Running mean squared and mean absolute error over every forecast value (all windows, steps and variables),
/// the convention of the ETT benchmarks.
/// </summary>
public sealed class ForecastErrors
{
    private double _squared;
    private double _absolute;

    public long Count { get; private set; }

    public double MeanSquaredError => Count == 0 ? double.NaN : _squared / Count;

    public double MeanAbsoluteError => Count == 0 ? double.NaN : _absolute / Count;

    public void Add(ReadOnlySpan<float> predicted, ReadOnlySpan<float> truth)
    {
        if (predicted.Length != truth.Length)
        {
            throw new ArgumentException($"{predicted.Length} predicted values but {truth.Length} true values.", nameof(truth));
        }

        for (var i = 0; i < predicted.Length; i++)
        {
            double error = predicted[i] - truth[i];
            _squared += error * error;
            _absolute += Math.Abs(error);
        }

        Count += predicted.Length;
    }
}
