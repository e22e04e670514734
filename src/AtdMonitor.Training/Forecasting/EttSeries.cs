using AtdMonitor.Data.Ett;
using AtdMonitor.Model.Checkpoints;

namespace AtdMonitor.Training.Forecasting;

/// <summary>
/// ETT columns ready for a model: raw and z-normalised values row-major [rows, variables], with the z-score
/// fitted on the training rows only, and the calendar codes of every row.
/// </summary>
public sealed class EttSeries
{
    /// <summary>The target series of the univariate setting.</summary>
    public const string Target = "OT";

    private EttSeries(IReadOnlyList<string> variables, float[] raw, float[] normalised, int[] calendar, NormalizationStats zScore, DateTime[] times)
    {
        Variables = variables;
        Raw = raw;
        Normalised = normalised;
        Calendar = calendar;
        ZScore = zScore;
        Times = times;
    }

    public IReadOnlyList<string> Variables { get; }

    public int Rows => Times.Count;

    /// <summary>[rows, variables] in the CSV's units.</summary>
    public float[] Raw { get; }

    /// <summary>[rows, variables] z-scores.</summary>
    public float[] Normalised { get; }

    /// <summary>[rows, 4]: hour, weekday, day − 1, month − 1.</summary>
    public int[] Calendar { get; }

    /// <summary>Per-variable mean and std of the training rows (stored in checkpoints as the history normalisation).</summary>
    public NormalizationStats ZScore { get; }

    public IReadOnlyList<DateTime> Times { get; }

    /// <summary>Reads <paramref name="table"/>'s <paramref name="variables"/> (all columns when null).</summary>
    public static EttSeries Create(EttTable table, IReadOnlyList<string>? variables = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var names = variables ?? table.Columns;
        var columns = names.Select(name => Array.IndexOf(table.Columns, name) is var index and >= 0
            ? table.Values[index]
            : throw new ArgumentException($"The ETT table has no column '{name}'; it has {string.Join(", ", table.Columns)}.", nameof(variables))).ToArray();
        var rows = table.Times.Length;
        var width = columns.Length;
        var raw = new float[rows * width];
        for (var r = 0; r < rows; r++)
        {
            for (var v = 0; v < width; v++)
            {
                raw[(r * width) + v] = columns[v][r];
            }
        }

        var (trainBegin, trainEnd) = EttProtocol.Rows(EttSplit.Train);
        var zScore = NormalizationStats.Fit(InputNames.History, raw.AsSpan(trainBegin * width, (trainEnd - trainBegin) * width), width);
        var normalised = (float[])raw.Clone();
        zScore.Apply(normalised);

        var calendar = new int[rows * CalendarFeatures.Fields];
        for (var r = 0; r < rows; r++)
        {
            CalendarFeatures.Encode(table.Times[r], calendar.AsSpan(r * CalendarFeatures.Fields, CalendarFeatures.Fields));
        }

        return new EttSeries(names.ToArray(), raw, normalised, calendar, zScore, table.Times);
    }

    /// <summary>The windows of <paramref name="split"/> over the normalised values, as tensors.</summary>
    public ForecastSeries Windows(EttSplit split, int lookBack, int horizon) =>
        new(Normalised, Variables.Count, Calendar, EttProtocol.WindowStarts(split, lookBack, horizon, Rows), lookBack, horizon);
}
