using System.CommandLine;
using AtdMonitor.Data.Beats;
using AtdMonitor.Training.Arrhythmia;
using AtdMonitor.Training.CrossValidation;
using AtdMonitor.Training.Progress;
using Spectre.Console;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// <c>atd train --cv [--folds 1 2 ..] [--seeds 1 2 3] [--score-beats detected] --out DIR</c>: patient-wise cross-validation inside DS1
/// (<see cref="ArrhythmiaCrossValidation"/>); prints a row per (fold, seed) and the mean ± sd, and keeps each run's
/// result in DIR so that the same command continues an interrupted cross-validation.
/// </summary>
internal static class TrainCrossValidation
{
    public static int Run(ParseResult parseResult, IAnsiConsole console, ArrhythmiaTrainingRequest request, int[]? folds, int[]? seeds,
        string directory, string? cache, BeatPositions? scoredAt, CancellationToken cancellationToken)
    {
        var foldList = folds is { Length: > 0 } ? folds : [.. Enumerable.Range(1, MitBihRecords.Ds1Folds.Count)];
        var seedList = seeds is { Length: > 0 } ? seeds : [request.Trainer.Seed];
        var runs = TrainingOptions.Guard(parseResult, "train", () => SpectreTrainingProgress.Run(console,
            progress => ArrhythmiaCrossValidation.Run(request, foldList, seedList, directory, TrainingOptions.CacheAt(cache), progress, cancellationToken, scoredAt)));
        if (runs is null)
        {
            return TrainingOptions.FailureExitCode;
        }

        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine($"## Patient-wise {MitBihRecords.Ds1Folds.Count}-fold cross-validation in DS1 ({directory})");
        output.WriteLine();
        output.WriteLine($"Settings: {ArrhythmiaCrossValidation.SettingsOf(request, scoredAt)}");
        output.WriteLine();
        output.WriteLine(CrossValidationReport.Runs(runs).ToString());
        output.WriteLine(CrossValidationReport.Summary(runs, MitBihRecords.Ds1Folds.Count).ToString());
        return 0;
    }
}
