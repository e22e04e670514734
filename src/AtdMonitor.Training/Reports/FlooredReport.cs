using AtdMonitor.Training.Arrhythmia;

namespace AtdMonitor.Training.Reports;

/// <summary>Markdown tables of a <see cref="FlooredEvaluation"/>: per class the unclassifiable beats and F1 on the judged
/// beats and on all beats, and the counts with an unclassifiable column.</summary>
public static class FlooredReport
{
    /// <summary>Floor, coverage and ECE in one row.</summary>
    public static MarkdownTable Summary(FlooredEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return new MarkdownTable("Confidence floor:", "Beats judged:", "Coverage:", "Accuracy (judged):", "Macro-F1 (judged):", "ECE:")
            .AddRow(MarkdownTable.Number(evaluation.Floor, 2), MarkdownTable.Count(evaluation.Judged.Total), MarkdownTable.Number(evaluation.Coverage, 4),
                MarkdownTable.Number(evaluation.Judged.Accuracy, 4), MarkdownTable.Number(evaluation.Judged.MacroF1, 4),
                MarkdownTable.Number(evaluation.Reliability.ExpectedCalibrationError, 4));
    }

    /// <summary>Per class: beats, unclassifiable beats, Se / PPV / F1 on the judged beats, and F1 over all beats (an
    /// unclassifiable beat counted as missed).</summary>
    public static MarkdownTable PerClass(FlooredEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var table = new MarkdownTable("Class", "Beats:", "Unclassifiable:", "Se (judged):", "PPV (judged):", "F1 (judged):", "F1 (all beats):");
        for (var c = 0; c < evaluation.Judged.ClassCount; c++)
        {
            var scores = evaluation.Judged.Scores(c);
            table.AddRow(scores.Name, MarkdownTable.Count(scores.Support + evaluation.Unclassifiable[c]), MarkdownTable.Count(evaluation.Unclassifiable[c]),
                MarkdownTable.Number(scores.Sensitivity), MarkdownTable.Number(scores.PositivePredictiveValue), MarkdownTable.Number(scores.F1),
                MarkdownTable.Number(evaluation.F1OverAllBeats(c)));
        }

        return table;
    }

    /// <summary>The judged counts (rows: reference, columns: prediction) and the unclassifiable beats as a last column.</summary>
    public static MarkdownTable Counts(FlooredEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var matrix = evaluation.Judged;
        var table = new MarkdownTable(["truth \\ predicted", .. matrix.ClassNames.Select(n => n + ":"), "unclassifiable:"]);
        for (var truth = 0; truth < matrix.ClassCount; truth++)
        {
            table.AddRow([
                matrix.ClassNames[truth],
                .. Enumerable.Range(0, matrix.ClassCount).Select(predicted => MarkdownTable.Count(matrix[truth, predicted])),
                MarkdownTable.Count(evaluation.Unclassifiable[truth]),
            ]);
        }

        return table;
    }
}
