namespace AtdMonitor.Data.Ett;

/// <summary>The standard ETT split (Zhou et al. 2021): 12 / 4 / 4 months of 30 days for train / validation / test,
/// counted in rows of the file's own sampling interval (8,640 / 2,880 / 2,880 hourly rows, four times as many
/// 15-minute rows). Validation and test start <c>lookBack</c> rows early so their first windows look back into the
/// previous part; the targets never overlap.</summary>
/// <param name="Train">Training rows (the z-score is fitted on these).</param>
/// <param name="Validation">Validation rows, look-back overlap included.</param>
/// <param name="Test">Test rows, look-back overlap included.</param>
public sealed record EttSplit(EttRange Train, EttRange Validation, EttRange Test)
{
    /// <summary>Months of training data.</summary>
    public const int TrainMonths = 12;

    /// <summary>Months of validation (and of test) data.</summary>
    public const int ValidationMonths = 4;

    private static readonly TimeSpan Month = TimeSpan.FromDays(30);

    /// <summary>The standard split for a table sampled every <paramref name="interval"/> (1 h for ETTh, 15 min for ETTm).</summary>
    /// <exception cref="ArgumentException">The interval does not divide 30 days, or the table is shorter than 20 months.</exception>
    public static EttSplit Standard(int rowCount, int lookBack, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lookBack);
        if (interval <= TimeSpan.Zero || Month.Ticks % interval.Ticks != 0)
        {
            throw new ArgumentException($"The sampling interval {interval} does not divide a 30-day month; the standard ETT split counts whole rows per month.", nameof(interval));
        }

        var rowsPerMonth = (int)(Month.Ticks / interval.Ticks);
        var train = TrainMonths * rowsPerMonth;
        var validation = train + (ValidationMonths * rowsPerMonth);
        var test = validation + (ValidationMonths * rowsPerMonth);
        if (rowCount < test)
        {
            throw new ArgumentException($"The standard ETT split needs {test} rows (20 months of {interval} steps); the table has {rowCount}.", nameof(rowCount));
        }

        if (lookBack > train)
        {
            throw new ArgumentOutOfRangeException(nameof(lookBack), lookBack, $"Look-back must not exceed the {train} training rows.");
        }

        return new EttSplit(new EttRange(0, train), new EttRange(train - lookBack, validation), new EttRange(validation - lookBack, test));
    }

    /// <summary>The standard split of <paramref name="table"/> at its own sampling interval.</summary>
    public static EttSplit Standard(EttTable table, int lookBack)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Standard(table.RowCount, lookBack, table.Interval);
    }
}
