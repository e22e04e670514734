using System.Diagnostics;
using System.Text;

namespace AtdMonitor.Cli.Tests.Process;

/// <summary>The built <c>atd</c> executable run as its own process, as an operator runs it: exit code, stdout and stderr.</summary>
internal sealed class AtdProcess : IDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private AtdProcess(System.Diagnostics.Process process)
    {
        _process = process;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public int Id => _process.Id;

    /// <summary>Starts <c>atd</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static AtdProcess Start(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "atd"))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new System.Diagnostics.Process { StartInfo = info };
        var atd = new AtdProcess(process);
        process.OutputDataReceived += (_, e) => Append(atd._output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(atd._error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return atd;
    }

    /// <summary>Runs <c>atd</c> to its end (killed after <paramref name="timeout"/>).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        using var atd = Start(arguments, workingDirectory);
        var exitCode = await atd.WaitForExitAsync(timeout);
        return (exitCode, atd.Output, atd.Error);
    }

    /// <summary>Waits until stdout holds <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"atd never wrote '{text}'. stdout: {Output} stderr: {Error}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Asks the process to stop as systemd and Kubernetes do (SIGTERM).</summary>
    public void Terminate()
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"atd did not exit within {timeout}. stdout: {Output} stderr: {Error}");
        }

        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }
}
