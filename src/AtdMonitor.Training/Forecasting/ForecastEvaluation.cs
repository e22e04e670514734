using AtdMonitor.Data.Ett;
using AtdMonitor.Model.Inference;
using AtdMonitor.Training.Metrics;

namespace AtdMonitor.Training.Forecasting;

/// <summary>
/// Scores a forecast checkpoint through <see cref="SeriesForecaster"/> (raw values in and out, the worker's
/// path) on every test window of the standard ETT split at the table's own sampling interval. Errors are measured on z-scores with the training
/// rows' statistics, the convention of the published ETT tables.
/// </summary>
public static class ForecastEvaluation
{
    private const string Target = "OT";

    public static ForecastEvaluationResult Evaluate(SeriesForecaster forecaster, EttTable table, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        ArgumentNullException.ThrowIfNull(table);
        int lookBack = forecaster.LookBack, horizon = forecaster.Horizon, variables = forecaster.Variables.Count;
        var mode = variables == table.Columns.Length ? EttMode.Multivariate : EttMode.Univariate;
        var split = EttSplit.Standard(table, lookBack);
        var raw = new EttWindows(table, split.Test, lookBack, horizon, mode);
        if (!raw.Variables.SequenceEqual(forecaster.Variables))
        {
            throw new ArgumentException($"The checkpoint forecasts {string.Join(",", forecaster.Variables)}; the table gives {string.Join(",", raw.Variables)}.", nameof(table));
        }

        var zScore = EttNormalization.History(table, EttScaler.Fit(table, split.Train), raw.Variables);
        var history = new float[batchSize * lookBack * variables];
        var truth = new float[batchSize * horizon * variables];
        var calendar = new int[batchSize * (lookBack + horizon) * CalendarFeatures.Fields];
        var forecast = new float[batchSize * horizon * variables];
        var errors = new ForecastErrors();
        ForecastExample? example = null;
        for (var first = 0; first < raw.Count; first += batchSize)
        {
            var n = Math.Min(batchSize, raw.Count - first);
            var windows = Enumerable.Range(first, n).ToArray();
            raw.Fill(windows, history, truth, calendar);
            var output = forecast.AsSpan(0, n * horizon * variables);
            var expected = truth.AsSpan(0, n * horizon * variables);
            forecaster.Forecast(n, history.AsSpan(0, n * lookBack * variables), calendar.AsSpan(0, n * (lookBack + horizon) * CalendarFeatures.Fields), output);
            example ??= Example(raw, table.Times[split.Test.Start + lookBack], history, truth, forecast);
            zScore.Apply(output);
            zScore.Apply(expected);
            errors.Add(output, expected);
        }

        return new ForecastEvaluationResult(raw.Count, split.Test, errors, example!);
    }

    /// <summary>The target series (OT) of the first window in raw units, for the forecast-vs-truth figure.</summary>
    private static ForecastExample Example(EttWindows windows, DateTime origin, float[] history, float[] truth, float[] forecast)
    {
        var variables = windows.Variables.Count;
        var target = windows.Variables.ToList().IndexOf(Target) is var index and >= 0 ? index : variables - 1;
        float[] Column(float[] rows, int count) => [.. Enumerable.Range(0, count).Select(i => rows[(i * variables) + target])];
        return new ForecastExample(windows.Variables[target], origin, Column(history, windows.LookBack), Column(truth, windows.Horizon), Column(forecast, windows.Horizon));
    }
}
