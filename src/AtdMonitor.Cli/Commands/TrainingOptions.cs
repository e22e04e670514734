using System.CommandLine;
using AtdMonitor.Data.Beats;
using AtdMonitor.Training.Arrhythmia;
using AtdMonitor.Training.Runs;
using Spectre.Console;

namespace AtdMonitor.Cli.Commands;

/// <summary>Options and error handling shared by train, eval and bench.</summary>
internal static class TrainingOptions
{
    /// <summary>Exit code of a command that was given something it cannot use.</summary>
    public const int FailureExitCode = 2;

    public static Option<string> Variant()
    {
        var option = new Option<string>("--variant") { Description = "ATD or a comparison model: same encoders and head, other fusion.", DefaultValueFactory = _ => "atd" };
        option.AcceptOnlyFromAmong([.. TrainingChoices.Variants.Keys]);
        return option;
    }

    public static Option<string> Split(string description, string? defaultValue)
    {
        var option = new Option<string>("--split") { Description = description };
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue;
        }

        option.AcceptOnlyFromAmong([.. TrainingChoices.Splits.Keys]);
        return option;
    }

    public static Option<BeatPositions> Beats(string description) => new("--beats")
    {
        Description = description,
        DefaultValueFactory = _ => BeatPositions.Reference,
    };

    public static Option<string?> Data() => new("--data")
    {
        Description = "The folder holding mitdb/ and ett/ [default: $ATD_DATA_DIR, else ../shared/data beside the repository].",
    };

    public static Option<string?> Ett() => new("--ett")
    {
        Description = "Forecast: the ETT-style CSV (header date,VAR1,...; evenly spaced rows, hourly or 15-minute) [default: ett/ETTh1.csv in the data folder].",
    };

    /// <summary>The forecast CSV: <paramref name="ett"/> when given, else ETTh1.csv of the data folder; or the reason there is none.</summary>
    public static (string? Path, string? Error) EttFile(string? ett, string? data)
    {
        if (ett is not null)
        {
            return File.Exists(ett) ? (ett, null) : (null, $"--ett {ett} does not exist; expected an ETT-style CSV (header date,VAR1,...).");
        }

        var (folder, error) = TrainingDataFolder.Find(data, "ett", Training.Forecasting.ForecastTrainingRequest.DefaultEttFile);
        return folder is null ? (null, error) : (System.IO.Path.Combine(folder, Training.Forecasting.ForecastTrainingRequest.DefaultEttFile), null);
    }

    public static Option<string?> Cache() => new("--cache")
    {
        Description = "Where built beat datasets are kept [default: ~/.cache/atd/beats].",
    };

    /// <summary>Torch CPU threads; 1 was fastest for these small models on a busy 2-core machine (see docs/RESULTS.md).</summary>
    public static Option<int> Threads() => new("--threads")
    {
        Description = "Torch CPU threads (1 was fastest for these small models on a busy 2-core machine).",
        DefaultValueFactory = _ => 1,
    };

    public static BeatDatasetCache CacheAt(string? directory) =>
        directory is null ? BeatDatasetCache.Default() : new BeatDatasetCache(directory);

    /// <summary>An error for each of <paramref name="options"/> whose value is not positive.</summary>
    public static IEnumerable<string> NonPositive(ParseResult parseResult, params Option<int>[] options) =>
        options.Where(option => parseResult.GetValue(option) <= 0).Select(option => $"{option.Name} must be a positive whole number.");

    /// <summary>A console that writes where the invocation says (the terminal, or a test's writer or log file).</summary>
    public static IAnsiConsole Console(ParseResult parseResult)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(parseResult.InvocationConfiguration.Output) });
        if (!console.Profile.Capabilities.Interactive)
        {
            // A log keeps each epoch on one line instead of wrapping at 80 columns.
            console.Profile.Width = 200;
        }

        return console;
    }

    public static int Fail(ParseResult parseResult, string command, string message)
    {
        parseResult.InvocationConfiguration.Error.WriteLine($"atd {command}: {message}");
        return FailureExitCode;
    }

    /// <summary>Runs <paramref name="work"/>; an input problem (file, format, argument, resume) becomes one error line and null.</summary>
    public static T? Guard<T>(ParseResult parseResult, string command, Func<T> work) where T : class
    {
        try
        {
            return work();
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or ArgumentException or TrainingResumeException or InvalidOperationException)
        {
            Fail(parseResult, command, exception.Message);
            return null;
        }
    }
}
