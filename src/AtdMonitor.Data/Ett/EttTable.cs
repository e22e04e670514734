using System.Globalization;

namespace AtdMonitor.Data.Ett;

/// <summary>A time-series table in the ETT CSV format: header <c>date,VAR1,...</c>, then one row per step with a
/// <c>yyyy-MM-dd HH:mm:ss</c> time and one number per variable, the rows evenly spaced in time (hourly for ETTh,
/// 15 minutes for ETTm).</summary>
public sealed class EttTable
{
    private static readonly string[] TimeFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];

    public EttTable(string[] columns, DateTime[] times, float[][] values)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != columns.Length || values.Any(v => v.Length != times.Length))
        {
            throw new ArgumentException($"Expected {columns.Length} columns of {times.Length} values.", nameof(values));
        }

        Columns = columns;
        Times = times;
        Values = values;
        Interval = times.Length > 1 ? times[1] - times[0] : TimeSpan.Zero;
        for (var r = 1; r < times.Length; r++)
        {
            if (times[r] - times[r - 1] != Interval)
            {
                throw new ArgumentException($"Row {r} is {times[r] - times[r - 1]} after the previous one; the table's interval (its first two rows) is {Interval}: rows must be evenly spaced.", nameof(times));
            }
        }
    }

    /// <summary>The sampling interval: the spacing of every two consecutive rows (zero for a one-row table).</summary>
    public TimeSpan Interval { get; }

    /// <summary>Variable names (the header without <c>date</c>).</summary>
    public string[] Columns { get; }

    /// <summary>Time of each row.</summary>
    public DateTime[] Times { get; }

    /// <summary>Values, <c>[column][row]</c>.</summary>
    public float[][] Values { get; }

    /// <summary>Rows in the table.</summary>
    public int RowCount => Times.Length;

    /// <summary>The index of a column (ordinal, case-insensitive).</summary>
    /// <exception cref="ArgumentException">No such column.</exception>
    public int IndexOf(string column)
    {
        var index = Array.FindIndex(Columns, c => string.Equals(c, column, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : throw new ArgumentException($"No column '{column}'; the table has {string.Join(", ", Columns)}.", nameof(column));
    }

    /// <summary>Loads a CSV file.</summary>
    /// <exception cref="EttFormatException">The header or a row is malformed; the message gives the line number.</exception>
    public static EttTable Load(string csvPath)
    {
        if (!File.Exists(csvPath))
        {
            throw new FileNotFoundException($"{csvPath}: ETT CSV not found.", csvPath);
        }

        using var reader = new StreamReader(csvPath);
        return Parse(reader, csvPath);
    }

    /// <summary>Parses CSV text; <paramref name="source"/> names it in errors.</summary>
    public static EttTable Parse(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine()?.Trim();
        var headerFields = header?.Split(',');
        if (headerFields is null || headerFields.Length < 2 || !string.Equals(headerFields[0].Trim(), "date", StringComparison.OrdinalIgnoreCase))
        {
            throw new EttFormatException($"{source}, line 1: expected a header 'date,VAR1,VAR2,...', found '{header}'.");
        }

        var columns = headerFields[1..].Select(c => c.Trim()).ToArray();
        var times = new List<DateTime>();
        var values = columns.Select(_ => new List<float>()).ToArray();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != columns.Length + 1)
            {
                throw new EttFormatException($"{source}, line {lineNumber}: expected {columns.Length + 1} comma-separated fields (date + {columns.Length} values), found {fields.Length}.");
            }

            if (!DateTime.TryParseExact(fields[0].Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                throw new EttFormatException($"{source}, line {lineNumber}: expected a time 'yyyy-MM-dd HH:mm:ss', found '{fields[0]}'.");
            }

            if (times.Count > 0 && time <= times[^1])
            {
                throw new EttFormatException($"{source}, line {lineNumber}: time {fields[0]} does not come after the previous row's {times[^1]:yyyy-MM-dd HH:mm:ss}; expected increasing times.");
            }

            if (times.Count > 1 && time - times[^1] != times[1] - times[0])
            {
                throw new EttFormatException($"{source}, line {lineNumber}: time {fields[0]} is {time - times[^1]} after the previous row; the file's interval (its first two rows) is {times[1] - times[0]}: expected evenly spaced rows.");
            }

            times.Add(time);
            for (var c = 0; c < columns.Length; c++)
            {
                if (!float.TryParse(fields[c + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
                {
                    throw new EttFormatException($"{source}, line {lineNumber}, column '{columns[c]}': expected a finite number, found '{fields[c + 1]}'.");
                }

                values[c].Add(value);
            }
        }

        if (times.Count == 0)
        {
            throw new EttFormatException($"{source}: no data rows after the header.");
        }

        return new EttTable(columns, [.. times], [.. values.Select(v => v.ToArray())]);
    }
}
