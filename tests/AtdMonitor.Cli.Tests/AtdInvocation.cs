using System.CommandLine;

namespace AtdMonitor.Cli.Tests;

/// <summary>Runs the <c>atd</c> command line in-process and captures what it writes.</summary>
internal static class AtdInvocation
{
    public static (int ExitCode, string Output, string Error) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = AtdCommandLine.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
