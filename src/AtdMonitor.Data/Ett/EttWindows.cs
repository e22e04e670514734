namespace AtdMonitor.Data.Ett;

/// <summary>
/// Sliding forecast windows over a range of rows: window w looks back at rows start + w .. start + w + lookBack − 1
/// and forecasts the next <c>horizon</c> rows. Values are held once, row-major [row, variable] (z-normalised when a
/// scaler is given), with calendar features per row, so a batch is a few span copies into the caller's buffers.
/// </summary>
public sealed class EttWindows
{
    private readonly float[] _values;
    private readonly int[] _calendar;

    public EttWindows(EttTable table, EttRange rows, int lookBack, int horizon, EttMode mode = EttMode.Multivariate, EttScaler? scaler = null, string target = "OT")
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lookBack);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(horizon);
        if (rows.Start < 0 || rows.End > table.RowCount || rows.Length < lookBack + horizon)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, $"Rows must lie in the table ({table.RowCount} rows) and hold at least look-back + horizon = {lookBack + horizon}.");
        }

        var columns = mode == EttMode.Multivariate ? Enumerable.Range(0, table.Columns.Length).ToArray() : [table.IndexOf(target)];
        LookBack = lookBack;
        Horizon = horizon;
        Variables = [.. columns.Select(c => table.Columns[c])];
        Count = rows.Length - lookBack - horizon + 1;
        _values = new float[rows.Length * columns.Length];
        _calendar = new int[rows.Length * CalendarFeatures.Fields];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var v = 0; v < columns.Length; v++)
            {
                var raw = table.Values[columns[v]][rows.Start + r];
                _values[(r * columns.Length) + v] = scaler is null ? raw : scaler.Normalise(columns[v], raw);
            }

            CalendarFeatures.Encode(table.Times[rows.Start + r], _calendar.AsSpan(r * CalendarFeatures.Fields, CalendarFeatures.Fields));
        }
    }

    /// <summary>Windows in the range.</summary>
    public int Count { get; }

    public int LookBack { get; }

    public int Horizon { get; }

    /// <summary>The variables of each step, in order.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>Copies the given windows into preallocated buffers: history [batch, LookBack, Variables], future
    /// [batch, Horizon, Variables] and calendar [batch, LookBack + Horizon, 4], all row-major.</summary>
    public void Fill(ReadOnlySpan<int> windows, Span<float> history, Span<float> future, Span<int> calendar)
    {
        var v = Variables.Count;
        var steps = LookBack + Horizon;
        if (history.Length < windows.Length * LookBack * v || future.Length < windows.Length * Horizon * v
            || calendar.Length < windows.Length * steps * CalendarFeatures.Fields)
        {
            throw new ArgumentException($"Buffers too small for {windows.Length} windows.", nameof(history));
        }

        for (var b = 0; b < windows.Length; b++)
        {
            var w = windows[b];
            ArgumentOutOfRangeException.ThrowIfNegative(w, nameof(windows));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(w, Count, nameof(windows));
            _values.AsSpan(w * v, LookBack * v).CopyTo(history[(b * LookBack * v)..]);
            _values.AsSpan((w + LookBack) * v, Horizon * v).CopyTo(future[(b * Horizon * v)..]);
            _calendar.AsSpan(w * CalendarFeatures.Fields, steps * CalendarFeatures.Fields).CopyTo(calendar[(b * steps * CalendarFeatures.Fields)..]);
        }
    }
}
