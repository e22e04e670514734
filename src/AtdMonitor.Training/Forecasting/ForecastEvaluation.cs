using AtdMonitor.Data.Ett;
using AtdMonitor.Model.Inference;
using AtdMonitor.Training.Metrics;

namespace AtdMonitor.Training.Forecasting;

/// <summary>
/// Scores a forecast checkpoint through <see cref="SeriesForecaster"/> (raw values in and out, the worker's
/// path) on every window of an ETT split. Errors are measured on z-scores (the training rows' mean and std),
/// the convention of the published ETT tables.
/// </summary>
public static class ForecastEvaluation
{
    public static ForecastEvaluationResult Evaluate(SeriesForecaster forecaster, EttTable table, EttSplit split, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        var series = EttSeries.Create(table, forecaster.Variables);
        var variables = series.Variables.Count;
        int lookBack = forecaster.LookBack, horizon = forecaster.Horizon;
        var starts = EttProtocol.WindowStarts(split, lookBack, horizon, series.Rows);
        var errors = new ForecastErrors();
        var history = new float[batchSize * lookBack * variables];
        var calendar = new int[batchSize * (lookBack + horizon) * CalendarFeatures.Fields];
        var forecast = new float[batchSize * horizon * variables];
        var truth = new float[batchSize * horizon * variables];
        ForecastExample? example = null;
        for (var first = 0; first < starts.Length; first += batchSize)
        {
            var n = Math.Min(batchSize, starts.Length - first);
            for (var b = 0; b < n; b++)
            {
                var start = starts[first + b];
                series.Raw.AsSpan(start * variables, lookBack * variables).CopyTo(history.AsSpan(b * lookBack * variables));
                series.Calendar.AsSpan(start * CalendarFeatures.Fields, (lookBack + horizon) * CalendarFeatures.Fields)
                    .CopyTo(calendar.AsSpan(b * (lookBack + horizon) * CalendarFeatures.Fields));
                series.Normalised.AsSpan((start + lookBack) * variables, horizon * variables).CopyTo(truth.AsSpan(b * horizon * variables));
            }

            var output = forecast.AsSpan(0, n * horizon * variables);
            forecaster.Forecast(n, history.AsSpan(0, n * lookBack * variables), calendar.AsSpan(0, n * (lookBack + horizon) * CalendarFeatures.Fields), output);
            example ??= Example(series, starts[first], lookBack, horizon, output[..(horizon * variables)]);
            series.ZScore.Apply(output);
            errors.Add(output, truth.AsSpan(0, n * horizon * variables));
        }

        return new ForecastEvaluationResult(split, starts.Length, errors, example!);
    }

    /// <summary>The target series (OT) of one window in raw units, for the forecast-vs-truth figure.</summary>
    private static ForecastExample Example(EttSeries series, int start, int lookBack, int horizon, ReadOnlySpan<float> rawForecast)
    {
        var variables = series.Variables.Count;
        var target = series.Variables.ToList().IndexOf(EttSeries.Target) is var index and >= 0 ? index : variables - 1;
        float[] Column(ReadOnlySpan<float> rows, int count)
        {
            var values = new float[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = rows[(i * variables) + target];
            }

            return values;
        }

        return new ForecastExample(
            series.Variables[target],
            series.Times[start + lookBack],
            Column(series.Raw.AsSpan(start * variables), lookBack),
            Column(series.Raw.AsSpan((start + lookBack) * variables), horizon),
            Column(rawForecast, horizon));
    }
}
