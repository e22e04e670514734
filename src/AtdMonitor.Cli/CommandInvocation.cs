using System.CommandLine;
using System.CommandLine.Parsing;
using AtdMonitor.Data.Fetch;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Training.Runs;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Cli;

/// <summary>
/// Runs the parsed command so that bad input ends in one line on stderr and exit code 2, whatever the command: a parse
/// error, a missing or malformed file, an invalid setting. Anything else is a defect: its stack trace and exit code 1.
/// </summary>
internal static class CommandInvocation
{
    public const int BadInputExitCode = 2;

    public static async Task<int> InvokeAsync(ParseResult parseResult, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(error);
        var name = CommandPath(parseResult);
        if (parseResult.Errors.Count > 0 && !parseResult.Tokens.Any(t => t.Value is "--help" or "-h" or "-?"))
        {
            await error.WriteLineAsync($"{name}: {OneLine(parseResult.Errors[0].Message)} (see {name} --help)");
            return BadInputExitCode;
        }

        try
        {
            return await parseResult.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (BadInput(ex) is { } cause)
        {
            await error.WriteLineAsync($"{name}: {OneLine(cause.Message)}");
            return BadInputExitCode;
        }
        catch (Exception ex)
        {
            await error.WriteLineAsync($"{name} failed: {ex}");
            return 1;
        }
    }

    /// <summary>The exception that says what was wrong with the input, or null when <paramref name="exception"/> is a defect.</summary>
    public static Exception? BadInput(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.Select(BadInput).FirstOrDefault(e => e is not null),
        OptionsValidationException or WorkerStartException or IOException or UnauthorizedAccessException or FormatException
            or ArgumentException or FetchException or TrainingResumeException or WireFormatException => exception,
        _ => null,
    };

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as CommandResult)
        {
            names.Add(result.Command is RootCommand ? "atd" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
