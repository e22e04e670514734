using AtdMonitor.Training.Metrics;

namespace AtdMonitor.Training.Reports;

/// <summary>Markdown tables of a <see cref="ConfusionMatrix"/>: the summary, per-class scores and the counts.</summary>
public static class ClassificationReport
{
    /// <summary>Accuracy, macro-F1 and the sample count in one row.</summary>
    public static MarkdownTable Summary(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return new MarkdownTable("Beats:", "Accuracy:", "Macro-F1:")
            .AddRow(MarkdownTable.Count(matrix.Total), MarkdownTable.Number(matrix.Accuracy, 4), MarkdownTable.Number(matrix.MacroF1, 4));
    }

    /// <summary>Per class: support, sensitivity, PPV, F1.</summary>
    public static MarkdownTable PerClass(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var table = new MarkdownTable("Class", "Beats:", "Se:", "PPV:", "F1:");
        foreach (var scores in matrix.AllScores())
        {
            table.AddRow(scores.Name, MarkdownTable.Count(scores.Support), MarkdownTable.Number(scores.Sensitivity),
                MarkdownTable.Number(scores.PositivePredictiveValue), MarkdownTable.Number(scores.F1));
        }

        return table;
    }

    /// <summary>The counts: rows are the reference class, columns the prediction.</summary>
    public static MarkdownTable Counts(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var table = new MarkdownTable(["truth \\ predicted", .. matrix.ClassNames.Select(n => n + ":")]);
        for (var truth = 0; truth < matrix.ClassCount; truth++)
        {
            var row = new string[matrix.ClassCount + 1];
            row[0] = matrix.ClassNames[truth];
            for (var predicted = 0; predicted < matrix.ClassCount; predicted++)
            {
                row[predicted + 1] = MarkdownTable.Count(matrix[truth, predicted]);
            }

            table.AddRow(row);
        }

        return table;
    }
}
