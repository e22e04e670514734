using System.CommandLine;
using AtdMonitor.Data.Beats;
using AtdMonitor.Training.CrossValidation;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// <c>atd eval cv DIR [DIR ...] [--ensemble K]</c>: compares settings cross-validated with <c>atd train --cv --out DIR</c>
/// (<see cref="CrossValidationComparison"/>): each one's mean ± sd (also over its ensembles of K seeds), then each against the first, paired by fold and seed.
/// Reads only the stored runs; trains and evaluates nothing.
/// </summary>
internal static class EvalCrossValidationCommand
{
    public static Command Create()
    {
        var folders = new Argument<string[]>("folders")
        {
            Description = "Cross-validation folders, one setting each; the first is the reference of the paired differences.",
            Arity = ArgumentArity.OneOrMore,
        };
        var ensemble = new Option<int?>("--ensemble")
        {
            Description = "Also score ensembles of this many seeds (disjoint groups in seed order; each beat called by the mean of their probabilities), from runs that kept their held-out probabilities.",
        };
        var command = new Command("cv", "Compares cross-validated settings: mean ± sd per setting, and each against the first on the same folds and seeds.")
        {
            folders,
            ensemble,
        };
        command.SetAction(parseResult =>
        {
            var ensembleSize = parseResult.GetValue(ensemble);
            if (ensembleSize is < 2)
            {
                return TrainingOptions.Fail(parseResult, "eval cv", $"--ensemble must be at least 2 (got {ensembleSize}).");
            }

            var settings = new List<(string Name, IReadOnlyList<FoldRun> Runs)>();
            foreach (var folder in parseResult.GetValue(folders)!)
            {
                var runs = TrainingOptions.Guard(parseResult, "eval cv", () => CrossValidationComparison.Load(folder));
                if (runs is null)
                {
                    return TrainingOptions.FailureExitCode;
                }

                settings.Add((NameOf(folder), runs));
            }

            var output = parseResult.InvocationConfiguration.Output;
            var folds = MitBihRecords.Ds1Folds.Count;
            output.WriteLine($"## {settings.Count} settings, patient-wise {folds}-fold cross-validation in DS1");
            output.WriteLine();
            foreach (var (name, runs) in settings)
            {
                output.WriteLine($"- {name}: {runs[0].Settings}");
            }

            output.WriteLine();
            var table = TrainingOptions.Guard(parseResult, "eval cv", () => CrossValidationComparison.Settings(settings, folds, ensembleSize));
            if (table is null)
            {
                return TrainingOptions.FailureExitCode;
            }

            output.WriteLine(table.ToString());
            if (settings.Count > 1)
            {
                output.WriteLine($"Paired by fold and seed, against {settings[0].Name}: mean ± sd of the differences (runs where the setting scores higher / runs).");
                output.WriteLine();
                output.WriteLine(CrossValidationComparison.Paired(settings[0].Name, settings[0].Runs, settings.Skip(1).ToList()).ToString());
            }

            return 0;
        });
        return command;
    }

    /// <summary>The folder's name without the <c>cv-</c> that <c>atd train --cv</c> puts before the variant.</summary>
    private static string NameOf(string folder)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        return name.StartsWith("cv-", StringComparison.Ordinal) ? name[3..] : name;
    }
}
