using System.Globalization;
using AtdMonitor.Training.Reports;

namespace AtdMonitor.Training.CrossValidation;

/// <summary>
/// Compares cross-validated settings (<c>atd eval cv DIR...</c>): each setting's mean ± sd over its (fold, seed) runs
/// and over its seeds' out-of-fold DS1 figures, then every setting against the first on the runs both have.
/// </summary>
/// <remarks>Why paired: the folds differ far more than the settings (S F1 from 0.02 to 0.9 between folds of one
/// setting), so two settings' means overlap even when one is better on every fold. The difference on the same fold and
/// seed removes the fold's share of the spread; its own sd is the spread a claimed difference must exceed.</remarks>
public static class CrossValidationComparison
{
    /// <summary>Every run stored in <paramref name="directory"/>; they must share one setting.</summary>
    /// <exception cref="InvalidDataException">No run is stored there, or runs of several settings are.</exception>
    public static IReadOnlyList<FoldRun> Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new InvalidDataException($"{directory}: no such cross-validation folder (atd train --cv --out DIR writes one).");
        }

        var runs = Directory.EnumerateFiles(directory, "fold*-seed*.json").Select(FoldRun.Load)
            .OrderBy(run => run.Seed).ThenBy(run => run.Fold).ToList();
        if (runs.Count == 0)
        {
            throw new InvalidDataException($"{directory}: holds no finished cross-validation run (fold*-seed*.json).");
        }

        if (runs.Select(run => run.Settings).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            throw new InvalidDataException($"{directory}: holds runs of more than one setting; keep one setting per folder.");
        }

        return runs;
    }

    /// <summary>One row per setting: mean ± sd over its runs, over its seeds with every fold done (out-of-fold DS1), and,
    /// with <paramref name="ensembleSize"/>, over its disjoint ensembles of that many seeds (<see cref="CrossValidationReport.Ensembles"/>).</summary>
    public static MarkdownTable Settings(IReadOnlyList<(string Name, IReadOnlyList<FoldRun> Runs)> settings, int folds, int? ensembleSize = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var columns = CrossValidationReport.Columns;
        var table = new MarkdownTable(["Setting", "Over", "Runs:", .. columns.Select(c => c.Header)]);
        foreach (var (name, runs) in settings)
        {
            var matrices = runs.Select(r => r.ToMatrix()).ToList();
            table.AddRow([name, "folds × seeds", MarkdownTable.Count(runs.Count), .. columns.Select(c => CrossValidationReport.MeanAndSpread(matrices.Select(c.Score)))]);
            var pooled = CrossValidationReport.Pooled(runs, folds);
            if (pooled.Count > 0)
            {
                table.AddRow([name, "seeds, out-of-fold DS1", MarkdownTable.Count(pooled.Count), .. columns.Select(c => CrossValidationReport.MeanAndSpread(pooled.Select(c.Score)))]);
            }

            var ensembles = ensembleSize is { } size ? CrossValidationReport.Ensembles(runs, folds, size) : [];
            if (ensembles.Count > 0)
            {
                table.AddRow([name, string.Create(CultureInfo.InvariantCulture, $"ensembles of {ensembleSize} seeds, out-of-fold DS1"), MarkdownTable.Count(ensembles.Count),
                    .. columns.Select(c => CrossValidationReport.MeanAndSpread(ensembles.Select(c.Score)))]);
            }
        }

        return table;
    }

    /// <summary>
    /// Each setting minus the reference on the (fold, seed) runs both have: "mean ± sd of the differences (runs where it
    /// is higher / runs)". A score undefined in either run (F F1 of a fold without F beats) is left out of its column.
    /// </summary>
    public static MarkdownTable Paired(string referenceName, IReadOnlyList<FoldRun> reference, IReadOnlyList<(string Name, IReadOnlyList<FoldRun> Runs)> others)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(others);
        var columns = CrossValidationReport.Columns;
        var table = new MarkdownTable([$"Setting − {referenceName}", "Paired runs:", .. columns.Select(c => c.Header)]);
        var byRun = reference.ToDictionary(run => (run.Fold, run.Seed));
        foreach (var (name, runs) in others)
        {
            var pairs = runs.Where(run => byRun.ContainsKey((run.Fold, run.Seed)))
                .Select(run => (Other: run.ToMatrix(), Reference: byRun[(run.Fold, run.Seed)].ToMatrix()))
                .ToList();
            table.AddRow([name, MarkdownTable.Count(pairs.Count), .. columns.Select(c => Difference(pairs.Select(p => c.Score(p.Other) - c.Score(p.Reference))))]);
        }

        return table;
    }

    /// <summary>"+mean ± sd (higher / defined)" of the defined differences; "–" for none.</summary>
    public static string Difference(IEnumerable<double> differences)
    {
        ArgumentNullException.ThrowIfNull(differences);
        var defined = differences.Where(d => !double.IsNaN(d)).ToArray();
        if (defined.Length == 0)
        {
            return "–";
        }

        var spread = CrossValidationReport.MeanAndSpread(defined);
        var sign = defined.Average() >= 0 ? "+" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{spread} ({defined.Count(d => d > 0)}/{defined.Length})");
    }
}
