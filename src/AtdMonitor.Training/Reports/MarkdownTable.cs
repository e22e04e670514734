using System.Globalization;
using System.Text;

namespace AtdMonitor.Training.Reports;

/// <summary>A GitHub-flavoured Markdown table: a header row, then rows of cells; numbers right-aligned.</summary>
public sealed class MarkdownTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = [];

    /// <param name="headers">Column titles; a title ending in ':' marks a right-aligned (numeric) column, the ':' is not shown.</param>
    public MarkdownTable(params string[] headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.Length == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(headers));
        }

        _rightAligned = headers.Select(h => h.EndsWith(':')).ToArray();
        _headers = headers.Select(h => h.TrimEnd(':')).ToArray();
    }

    public int RowCount => _rows.Count;

    public MarkdownTable AddRow(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"The table has {_headers.Length} columns, the row {cells.Length} cells.", nameof(cells));
        }

        _rows.Add(cells.Select(Escape).ToArray());
        return this;
    }

    /// <summary>A number with <paramref name="decimals"/> decimals (invariant culture); "–" for NaN.</summary>
    public static string Number(double value, int decimals = 3) =>
        double.IsNaN(value) ? "–" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>An integer with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", _headers).AppendLine(" |");
        text.Append('|').AppendJoin('|', _rightAligned.Select(r => r ? "---:" : "---")).AppendLine("|");
        foreach (var row in _rows)
        {
            text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }

        return text.ToString();
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
