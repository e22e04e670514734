using System.Diagnostics;
using AtdMonitor.Servers;

namespace AtdMonitor.TestSupport;

/// <summary>One run of an executable the tests start (a server or a tool): output captured (the tail goes into error
/// messages), stopped with SIGTERM and a bounded wait, killed if it does not go, never left running.</summary>
public sealed class ChildProcess : IDisposable
{
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly ProcessOutputTail _outputTail;

    private ChildProcess(Process process)
    {
        _process = process;
        _outputTail = ProcessOutputTail.Follow(process);
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the server wrote to stdout and stderr, oldest first.</summary>
    public string OutputTail => _outputTail.ToString();

    public static ChildProcess Start(string executable, IEnumerable<string> arguments, string workingDirectory)
    {
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"{executable} is not installed; scripts/test.sh installs it with apt.", executable);
        }

        var startInfo = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {executable}.");
        ChildProcessReaper.Register(process);
        return new ChildProcess(process);
    }

    /// <summary>Waits a bounded time for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{_process.StartInfo.FileName} did not exit within {timeout.TotalSeconds:0} s. Its output:{Environment.NewLine}{OutputTail}");
        }

        ChildProcessReaper.Unregister(_process);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, then SIGKILL if the server is still running after a bounded wait.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            PosixSignals.Send(_process.Id, PosixSignals.Terminate);
            using var timeout = new CancellationTokenSource(GracefulStopTimeout);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }

        ChildProcessReaper.Unregister(_process);
    }

    /// <summary>SIGKILL: a crash, no chance to save anything.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(GracefulStopTimeout);
        }

        ChildProcessReaper.Unregister(_process);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
