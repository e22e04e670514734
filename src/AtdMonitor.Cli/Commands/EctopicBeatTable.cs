using System.Globalization;
using System.Text;
using AtdMonitor.Data.Beats;
using AtdMonitor.Simulator.Scoring;
using AtdMonitor.Training.Reports;

namespace AtdMonitor.Cli.Commands;

/// <summary>VEB (V) and SVEB (S) Se and +P per record, gross (summed counts) and averaged over records, as EC57 reports them.</summary>
internal sealed class EctopicBeatTable
{
    private static readonly string[] Classes = ["V", "S"];
    private readonly List<(string Record, ClassDetectionScore[] Scores)> _records = [];

    public void Add(string record, IReadOnlyList<string> reference, IReadOnlyList<string> detected, IReadOnlyList<MatchedBeat> matches)
    {
        _records.Add((record, [.. Classes.Select(c => ClassDetectionScore.Of(reference, detected, matches, c))]));
    }

    public string Summary()
    {
        var table = new MarkdownTable("Record", "VEB Se:", "VEB +P:", "SVEB Se:", "SVEB +P:", "Reference V:", "Reference S:");
        foreach (var (record, scores) in _records)
        {
            table.AddRow(record, MarkdownTable.Number(scores[0].Sensitivity), MarkdownTable.Number(scores[0].PositivePredictivity), MarkdownTable.Number(scores[1].Sensitivity),
                MarkdownTable.Number(scores[1].PositivePredictivity), MarkdownTable.Count(scores[0].TruePositives + scores[0].FalseNegatives), MarkdownTable.Count(scores[1].TruePositives + scores[1].FalseNegatives));
        }

        var gross = Classes.Select((_, c) => _records.Aggregate(default(ClassDetectionScore), (sum, r) => sum + r.Scores[c])).ToArray();
        table.AddRow("gross", MarkdownTable.Number(gross[0].Sensitivity), MarkdownTable.Number(gross[0].PositivePredictivity), MarkdownTable.Number(gross[1].Sensitivity),
            MarkdownTable.Number(gross[1].PositivePredictivity), MarkdownTable.Count(gross[0].TruePositives + gross[0].FalseNegatives), MarkdownTable.Count(gross[1].TruePositives + gross[1].FalseNegatives));
        table.AddRow("average over records", Average(0, s => s.Sensitivity), Average(0, s => s.PositivePredictivity), Average(1, s => s.Sensitivity), Average(1, s => s.PositivePredictivity), "", "");
        return new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Gross: VEB Se {MarkdownTable.Number(gross[0].Sensitivity)}, +P {MarkdownTable.Number(gross[0].PositivePredictivity)}; SVEB Se {MarkdownTable.Number(gross[1].Sensitivity)}, +P {MarkdownTable.Number(gross[1].PositivePredictivity)} (averages over the records where the figure is defined in the last row).")
            .AppendLine()
            .Append(table)
            .ToString();
    }

    private string Average(int c, Func<ClassDetectionScore, double> figure)
    {
        var values = _records.Select(r => figure(r.Scores[c])).Where(double.IsFinite).ToList();
        return MarkdownTable.Number(values.Count == 0 ? double.NaN : values.Average());
    }
}
