using System.Globalization;
using System.Text;
using AtdMonitor.Simulator.Scoring;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// <c>atd score stream --alerts FILE</c>: every alert the worker raised and every reference episode it was judged
/// against, one CSV row each with its verdict (true or false alert; detected or missed episode), so a reviewer can find
/// the alarms behind each count of the report. A missed episode also says whether a technical alarm was up during it
/// (<c>yes</c>: announced; <c>no</c>: silent); other rows leave that column empty.
/// </summary>
internal sealed class ScoredAlertsCsv
{
    private readonly StringBuilder _rows = new StringBuilder().AppendLine("record,kind,type,start_s,end_s,verdict,technical_alarm");

    /// <summary>Adds one record's judged alerts and episodes (stream samples at <paramref name="sampleRate"/>);
    /// <paramref name="announced"/> tells whether a technical alarm was up during a missed episode.</summary>
    public void Add(string record, IEnumerable<JudgedStretch> judged, double sampleRate, Func<Episode, bool> announced)
    {
        ArgumentNullException.ThrowIfNull(judged);
        ArgumentNullException.ThrowIfNull(announced);
        foreach (var j in judged)
        {
            var technicalAlarm = j.Verdict == JudgedStretch.Missed ? (announced(j.Span) ? "yes" : "no") : string.Empty;
            _rows.AppendLine(CultureInfo.InvariantCulture, $"{record},{j.Kind},{j.Type},{j.Span.Start / sampleRate:0.000},{j.Span.End / sampleRate:0.000},{j.Verdict},{technicalAlarm}");
        }
    }

    /// <summary>The CSV text, header first.</summary>
    public override string ToString() => _rows.ToString();
}
