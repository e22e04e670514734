using System.CommandLine;
using AtdMonitor.Simulator.Cli;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Simulator.Tests;

public sealed class SimulatorCommandLineTests
{
    [Theory]
    [InlineData("--drop", "1.5", "--drop must be a fraction")]
    [InlineData("--speed", "0", "--speed must be a positive number")]
    [InlineData("--records", "999", "no header for 999")]
    [InlineData("--qos", "2", "--qos must be 0 or 1")]
    [InlineData("--sensors-only", "true", "--sensors-only needs --sensors N (at least 1).")]
    [InlineData("--reading-interval", "0", "--reading-interval must be a positive number of seconds (got 0).")]
    public async Task A_bad_option_fails_before_connecting_with_a_message_that_names_it(string option, string value, string message)
    {
        using var error = new StringWriter();
        var configuration = new InvocationConfiguration { Output = TextWriter.Null, Error = error };

        var exit = await SimulatorCommandLine.Create().Parse(["--data", TestData.Samples, "--port", "1", option, value]).InvokeAsync(configuration);

        Assert.Equal(SimulatorCommandLine.FailureExitCode, exit);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }
}
