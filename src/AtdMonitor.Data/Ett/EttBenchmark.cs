namespace AtdMonitor.Data.Ett;

/// <summary>The standard ETT protocol in one place: 12/4/4-month split at the table's own interval, z-score fitted on
/// train, windows of each part.</summary>
/// <param name="Split">The row ranges.</param>
/// <param name="Scaler">The z-score fitted on the training rows (MSE/MAE are reported on these normalised values).</param>
/// <param name="Train">Training windows.</param>
/// <param name="Validation">Validation windows.</param>
/// <param name="Test">Test windows (none dropped).</param>
public sealed record EttBenchmark(EttSplit Split, EttScaler Scaler, EttWindows Train, EttWindows Validation, EttWindows Test)
{
    /// <summary>Builds the normalised windows of <paramref name="table"/> for a look-back and horizon.</summary>
    public static EttBenchmark Create(EttTable table, int lookBack, int horizon, EttMode mode = EttMode.Multivariate, string target = "OT")
    {
        ArgumentNullException.ThrowIfNull(table);
        var split = EttSplit.Standard(table, lookBack);
        var scaler = EttScaler.Fit(table, split.Train);
        return new EttBenchmark(
            split,
            scaler,
            new EttWindows(table, split.Train, lookBack, horizon, mode, scaler, target),
            new EttWindows(table, split.Validation, lookBack, horizon, mode, scaler, target),
            new EttWindows(table, split.Test, lookBack, horizon, mode, scaler, target));
    }
}
