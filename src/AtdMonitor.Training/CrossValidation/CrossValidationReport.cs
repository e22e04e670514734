using System.Globalization;
using AtdMonitor.Data.Beats;
using AtdMonitor.Training.Metrics;
using AtdMonitor.Training.Reports;

namespace AtdMonitor.Training.CrossValidation;

/// <summary>
/// Markdown tables of a cross-validation: one row per (fold, seed) run, the mean ± sd over those runs, and the
/// out-of-fold figures of each seed whose every fold is done (all five held-out folds pooled into one DS1-wide
/// confusion matrix), as mean ± sd over the seeds.
/// </summary>
/// <remarks>Why both: a fold's S or F F1 rests on a few records (fold 1 holds 373 of DS1's 416 F beats), so the per-run
/// spread mixes patient and seed differences; the pooled figure counts every DS1 beat once per seed.</remarks>
public static class CrossValidationReport
{
    private static readonly int S = (int)AamiClass.S;
    private static readonly int V = (int)AamiClass.V;
    private static readonly int F = (int)AamiClass.F;

    /// <summary>The scores reported per run and summarised.</summary>
    internal static readonly (string Header, Func<ConfusionMatrix, double> Score)[] Columns =
    [
        ("Accuracy:", m => m.Accuracy),
        ("Macro-F1:", m => m.MacroF1),
        ("S Se:", m => m.Scores(S).Sensitivity),
        ("S F1:", m => m.Scores(S).F1),
        ("V Se:", m => m.Scores(V).Sensitivity),
        ("V F1:", m => m.Scores(V).F1),
        ("F F1:", m => m.Scores(F).F1),
    ];

    /// <summary>One row per run.</summary>
    public static MarkdownTable Runs(IReadOnlyList<FoldRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var table = new MarkdownTable(["Fold:", "Seed:", "Beats:", "S / V / F beats", .. Columns.Select(c => c.Header), "Train s:"]);
        foreach (var run in runs)
        {
            var matrix = run.ToMatrix();
            table.AddRow([
                run.Fold.ToString(CultureInfo.InvariantCulture), run.Seed.ToString(CultureInfo.InvariantCulture), MarkdownTable.Count(matrix.Total),
                $"{matrix.Scores(S).Support} / {matrix.Scores(V).Support} / {matrix.Scores(F).Support}",
                .. Columns.Select(c => MarkdownTable.Number(c.Score(matrix))),
                MarkdownTable.Number(run.Seconds, 0),
            ]);
        }

        return table;
    }

    /// <summary>Mean ± sd over the runs (a score undefined in a fold, such as F F1 without F beats, is left out), and
    /// mean ± sd over the seeds of the pooled out-of-fold matrix.</summary>
    public static MarkdownTable Summary(IReadOnlyList<FoldRun> runs, int folds)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var table = new MarkdownTable(["Over", "Runs:", .. Columns.Select(c => c.Header)]);
        var matrices = runs.Select(r => r.ToMatrix()).ToList();
        table.AddRow(["folds × seeds", MarkdownTable.Count(runs.Count), .. Columns.Select(c => MeanAndSpread(matrices.Select(c.Score)))]);
        var pooled = Pooled(runs, folds);
        if (pooled.Count > 0)
        {
            table.AddRow(["seeds, out-of-fold DS1", MarkdownTable.Count(pooled.Count), .. Columns.Select(c => MeanAndSpread(pooled.Select(c.Score)))]);
        }

        return table;
    }

    /// <summary>Per seed whose folds 1..<paramref name="folds"/> are all done: the sum of its fold matrices.</summary>
    public static IReadOnlyList<ConfusionMatrix> Pooled(IReadOnlyList<FoldRun> runs, int folds)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var result = new List<ConfusionMatrix>();
        foreach (var seed in runs.GroupBy(r => r.Seed).Where(g => g.Select(r => r.Fold).Distinct().Count() == folds))
        {
            var matrix = new ConfusionMatrix(seed.First().ClassNames);
            foreach (var run in seed)
            {
                run.AddTo(matrix);
            }

            result.Add(matrix);
        }

        return result;
    }

    /// <summary>
    /// Per disjoint group of <paramref name="size"/> seeds (in seed order) whose every fold kept its held-out
    /// probabilities: the pooled out-of-fold matrix of the group's ensemble, which calls each beat by the mean of the
    /// group's probabilities. A group is scored on exactly the beats its single seeds are, so the two compare directly.
    /// </summary>
    /// <exception cref="InvalidDataException">Two seeds of one fold kept different held-out beats.</exception>
    public static IReadOnlyList<ConfusionMatrix> Ensembles(IReadOnlyList<FoldRun> runs, int folds, int size)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        var seeds = runs.Where(r => r is { Truth: not null, Probabilities: not null }).GroupBy(r => r.Seed)
            .Where(g => g.Select(r => r.Fold).Distinct().Count() == folds).OrderBy(g => g.Key).ToList();
        var result = new List<ConfusionMatrix>();
        for (var first = 0; first + size <= seeds.Count; first += size)
        {
            var group = seeds.Skip(first).Take(size).ToList();
            var matrix = new ConfusionMatrix(group[0].First().ClassNames);
            for (var fold = 1; fold <= folds; fold++)
            {
                var members = group.Select(seed => seed.First(r => r.Fold == fold)).ToList();
                var truth = members[0].Truth!;
                if (members.Any(m => !m.Truth!.AsSpan().SequenceEqual(truth)))
                {
                    throw new InvalidDataException($"Fold {fold}: seeds {string.Join(", ", group.Select(g => g.Key))} kept different held-out beats; an ensemble needs the same ones.");
                }

                if (members.FirstOrDefault(m => m.Probabilities!.Length != truth.Length * matrix.ClassCount) is { } torn)
                {
                    throw new InvalidDataException($"Fold {fold}, seed {torn.Seed}: {torn.Probabilities!.Length} probabilities for {truth.Length} beats of {matrix.ClassCount} classes.");
                }

                matrix.AddRange(truth, MeanArgMax(members.Select(m => m.Probabilities!).ToList(), truth.Length, matrix.ClassCount));
            }

            result.Add(matrix);
        }

        return result;
    }

    /// <summary>"mean ± sd" (sample sd) of the defined values; "mean" alone for one value; "–" for none.</summary>
    public static string MeanAndSpread(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var defined = values.Where(v => !double.IsNaN(v)).ToArray();
        if (defined.Length == 0)
        {
            return "–";
        }

        var mean = defined.Average();
        if (defined.Length == 1)
        {
            return MarkdownTable.Number(mean);
        }

        var sd = Math.Sqrt(defined.Sum(v => (v - mean) * (v - mean)) / (defined.Length - 1));
        return $"{MarkdownTable.Number(mean)} ± {MarkdownTable.Number(sd)}";
    }

    /// <summary>For each beat, the class with the highest probability summed over <paramref name="members"/> (beats × classes each).</summary>
    private static int[] MeanArgMax(IReadOnlyList<float[]> members, int beats, int classes)
    {
        var predicted = new int[beats];
        var sums = new double[classes];
        for (var beat = 0; beat < beats; beat++)
        {
            Array.Clear(sums);
            foreach (var probabilities in members)
            {
                for (var c = 0; c < classes; c++)
                {
                    sums[c] += probabilities[(beat * classes) + c];
                }
            }

            predicted[beat] = Array.IndexOf(sums, sums.Max());
        }

        return predicted;
    }
}
