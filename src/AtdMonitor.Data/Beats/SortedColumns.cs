namespace AtdMonitor.Data.Beats;

/// <summary>
/// The last <c>capacity</c> rows of equal length, kept as one sorted array per column, so that each column's median
/// is read off instead of sorted again: adding a row (and dropping the oldest) costs a binary search and a short move
/// per column, where sorting every column for every row cost a sort of <c>capacity</c> values per column.
/// </summary>
internal sealed class SortedColumns
{
    private readonly int _capacity;
    private readonly float[][] _columns;
    private readonly Queue<float[]> _rows = new();

    public SortedColumns(int columns, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _columns = new float[columns][];
        for (var i = 0; i < columns; i++)
        {
            _columns[i] = new float[capacity];
        }
    }

    /// <summary>Rows held (at most the capacity).</summary>
    public int Count => _rows.Count;

    /// <summary>Adds <paramref name="row"/> (its first <c>columns</c> values), dropping the oldest row when full.</summary>
    public void Add(ReadOnlySpan<float> row)
    {
        var stored = _rows.Count == _capacity ? _rows.Dequeue() : null;
        var count = _rows.Count;
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i];
            if (stored is not null)
            {
                // The dropped row's value leaves its column: shift the larger values down over it.
                var at = Find(column.AsSpan(0, count + 1), stored[i]);
                column.AsSpan(at + 1, count - at).CopyTo(column.AsSpan(at));
            }

            Insert(column, count, row[i]);
        }

        stored ??= new float[_columns.Length];
        row[.._columns.Length].CopyTo(stored);
        _rows.Enqueue(stored);
    }

    /// <summary>The median of column <paramref name="column"/> over the rows held (the mean of the two middle values
    /// for an even count); the same value <see cref="Median.SortAndTake"/> gives.</summary>
    public float Median(int column)
    {
        var values = _columns[column];
        var count = _rows.Count;
        var middle = count / 2;
        return count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    public void Clear() => _rows.Clear();

    /// <summary>Inserts <paramref name="value"/> into the sorted first <paramref name="count"/> values.</summary>
    private static void Insert(float[] column, int count, float value)
    {
        var at = column.AsSpan(0, count).BinarySearch(value);
        at = at < 0 ? ~at : at;
        column.AsSpan(at, count - at).CopyTo(column.AsSpan(at + 1));
        column[at] = value;
    }

    /// <summary>The index of a value equal to <paramref name="value"/> in the sorted <paramref name="values"/>.</summary>
    private static int Find(ReadOnlySpan<float> values, float value)
    {
        var at = values.BinarySearch(value);
        return at >= 0 ? at : throw new InvalidOperationException("A held value is missing from its sorted column.");
    }
}
