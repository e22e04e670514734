namespace AtdMonitor.Data.Ett;

/// <summary>The standard ETT split (Zhou et al. 2021): 12 / 4 / 4 months of 30 days for train / validation / test.
/// Validation and test start <c>lookBack</c> rows early so their first windows look back into the previous part;
/// the targets never overlap.</summary>
/// <param name="Train">Training rows (the z-score is fitted on these).</param>
/// <param name="Validation">Validation rows, look-back overlap included.</param>
/// <param name="Test">Test rows, look-back overlap included.</param>
public sealed record EttSplit(EttRange Train, EttRange Validation, EttRange Test)
{
    /// <summary>Hours in the 12 training months (8,640).</summary>
    public const int TrainHours = 12 * 30 * 24;

    /// <summary>Hours in the 4 validation (or test) months (2,880).</summary>
    public const int ValidationHours = 4 * 30 * 24;

    /// <summary>The standard split for a table with <paramref name="stepsPerHour"/> rows per hour (1 for ETTh, 4 for ETTm).</summary>
    /// <exception cref="ArgumentException">The table is shorter than 20 months.</exception>
    public static EttSplit Standard(int rowCount, int lookBack, int stepsPerHour = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lookBack);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepsPerHour);
        var train = TrainHours * stepsPerHour;
        var validation = train + (ValidationHours * stepsPerHour);
        var test = validation + (ValidationHours * stepsPerHour);
        if (rowCount < test)
        {
            throw new ArgumentException($"The standard ETT split needs {test} rows (20 months); the table has {rowCount}.", nameof(rowCount));
        }

        if (lookBack > train)
        {
            throw new ArgumentOutOfRangeException(nameof(lookBack), lookBack, $"Look-back must not exceed the {train} training rows.");
        }

        return new EttSplit(new EttRange(0, train), new EttRange(train - lookBack, validation), new EttRange(validation - lookBack, test));
    }
}
