using System.Globalization;
using System.Text;
using AtdMonitor.Simulator.Scoring;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// <c>atd score stream --alerts FILE</c>: every alert the worker raised and every reference episode it was judged
/// against, one CSV row each with its verdict (true or false alert; detected or missed episode), so a reviewer can find
/// the alarms behind each count of the report.
/// </summary>
internal sealed class ScoredAlertsCsv
{
    private readonly StringBuilder _rows = new StringBuilder().AppendLine("record,kind,type,start_s,end_s,verdict");

    /// <summary>Adds one record's judged alerts and episodes (stream samples at <paramref name="sampleRate"/>).</summary>
    public void Add(string record, IEnumerable<JudgedStretch> judged, double sampleRate)
    {
        ArgumentNullException.ThrowIfNull(judged);
        foreach (var j in judged)
        {
            _rows.AppendLine(CultureInfo.InvariantCulture, $"{record},{j.Kind},{j.Type},{j.Span.Start / sampleRate:0.000},{j.Span.End / sampleRate:0.000},{j.Verdict}");
        }
    }

    /// <summary>The CSV text, header first.</summary>
    public override string ToString() => _rows.ToString();
}
