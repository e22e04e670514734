namespace AtdMonitor.Training.Forecasting;

/// <summary>
/// The ETT-small protocol of Zhou et al. 2021 for the hourly files: 12 / 4 / 4 months of 30 days
/// (8,640 / 2,880 / 2,880 rows). A validation or test window may read its look-back from the part before
/// (the published code's borders), so every forecast row of a part is scored and no part's rows are
/// forecast from the future.
/// </summary>
public static class EttProtocol
{
    public const int TrainRows = 12 * 30 * 24;
    public const int ValidationRows = 4 * 30 * 24;
    public const int TestRows = 4 * 30 * 24;

    /// <summary>The first forecast row and the end (exclusive) of <paramref name="split"/>'s rows.</summary>
    public static (int Begin, int End) Rows(EttSplit split) => split switch
    {
        EttSplit.Train => (0, TrainRows),
        EttSplit.Validation => (TrainRows, TrainRows + ValidationRows),
        EttSplit.Test => (TrainRows + ValidationRows, TrainRows + ValidationRows + TestRows),
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Unknown split."),
    };

    /// <summary>
    /// The first history row of every window of <paramref name="split"/>: history and forecast lie inside the
    /// part, except that validation and test histories start up to <paramref name="lookBack"/> rows earlier.
    /// </summary>
    public static int[] WindowStarts(EttSplit split, int lookBack, int horizon, int tableRows)
    {
        var (begin, end) = Rows(split);
        if (end > tableRows)
        {
            throw new ArgumentException($"The ETT table has {tableRows} rows; the protocol needs {end}.", nameof(tableRows));
        }

        var first = split == EttSplit.Train ? begin : begin - lookBack;
        var count = end - first - lookBack - horizon + 1;
        if (count <= 0)
        {
            throw new ArgumentException($"No {split} window fits look-back {lookBack} + horizon {horizon} in rows {begin}..{end}.", nameof(horizon));
        }

        return Enumerable.Range(first, count).ToArray();
    }
}
