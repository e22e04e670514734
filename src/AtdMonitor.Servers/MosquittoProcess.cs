using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AtdMonitor.Servers;

/// <summary>
/// One run of a real mosquitto on 127.0.0.1 (for <c>atd bench pipeline --broker mosquitto</c> and the tests): a
/// temporary configuration from <see cref="MosquittoProcessOptions"/> (deleted once read), started and awaited until
/// every listener accepts connections. Its output is kept for error messages. <see cref="StopAsync"/> is a clean shutdown, <see cref="Kill"/> a
/// crash; <see cref="Dispose"/> kills what still runs, and so does the host's exit.
/// </summary>
public sealed class MosquittoProcess : IDisposable
{
    public const string DefaultExecutable = "/usr/sbin/mosquitto";
    private const string Host = "127.0.0.1";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly ProcessOutputTail _output;
    private bool _disposed;

    private MosquittoProcess(Process process, int port)
    {
        _output = ProcessOutputTail.Follow(process);
        _process = process;
        Port = port;
        AppDomain.CurrentDomain.ProcessExit += KillOnHostExit;
    }

    /// <summary>The plain listener's port.</summary>
    public int Port { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines mosquitto wrote (errors and warnings, more where the configuration asks), oldest first.</summary>
    public string OutputTail => _output.ToString();

    /// <summary>CPU time the broker has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <exception cref="FileNotFoundException">mosquitto is not installed at <see cref="MosquittoProcessOptions.Executable"/>.</exception>
    /// <exception cref="InvalidOperationException">mosquitto exited before listening; the message holds its output.</exception>
    /// <exception cref="TimeoutException">A listener did not accept connections in time.</exception>
    public static async Task<MosquittoProcess> StartAsync(MosquittoProcessOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(options.Executable))
        {
            throw new FileNotFoundException($"mosquitto is not installed at {options.Executable} (Debian: apt-get install mosquitto).", options.Executable);
        }

        var port = options.Port == 0 ? LoopbackPort.FindFree() : options.Port;
        var configuration = Path.Combine(Path.GetTempPath(), $"atd-mosquitto-{Guid.NewGuid():N}.conf");
        MosquittoProcess? broker = null;
        try
        {
            await File.WriteAllTextAsync(configuration, Render(options, port), cancellationToken).ConfigureAwait(false);
            var process = Process.Start(new ProcessStartInfo(options.Executable, ["-c", configuration])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException($"Could not start {options.Executable}.");
            broker = new MosquittoProcess(process, port);
            foreach (var listener in ListenerPorts(options, port))
            {
                await broker.WaitUntilAcceptingAsync(listener, cancellationToken).ConfigureAwait(false);
            }

            return broker;
        }
        catch
        {
            broker?.Dispose();
            throw;
        }
        finally
        {
            // mosquitto reads its configuration once, before it listens.
            File.Delete(configuration);
        }
    }

    /// <summary>A clean shutdown (SIGTERM; SIGKILL if it does not go in time): mosquitto saves its persistence first.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        PosixSignals.Send(_process.Id, PosixSignals.Terminate);
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>A crash (SIGKILL): nothing is saved beyond what mosquitto had written already.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(StopTimeout);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= KillOnHostExit;
        Kill();
        _process.Dispose();
    }

    private static string Render(MosquittoProcessOptions options, int port)
    {
        var text = new StringBuilder()
            // Run as whoever started it (root keeps root), so the broker can read and write that user's temporary files.
            .AppendLine(CultureInfo.InvariantCulture, $"user {Environment.UserName}")
            .AppendLine("per_listener_settings false")
            // Nagle off, or QoS 1 acknowledgements wait 40 ms.
            .AppendLine("set_tcp_nodelay true")
            .AppendLine(CultureInfo.InvariantCulture, $"max_queued_messages {options.MaxQueuedMessages}")
            .AppendLine("log_dest stdout")
            .AppendLine("log_type error")
            .AppendLine("log_type warning");
        if (options.PersistenceDirectory is { } persistence)
        {
            text.AppendLine("persistence true").AppendLine(CultureInfo.InvariantCulture, $"persistence_location {Path.TrimEndingDirectorySeparator(persistence)}/");
        }
        else
        {
            text.AppendLine("persistence false");
        }

        if (options.PasswordFile is { } passwords)
        {
            text.AppendLine("allow_anonymous false").AppendLine(CultureInfo.InvariantCulture, $"password_file {passwords}");
        }
        else
        {
            text.AppendLine("allow_anonymous true");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"listener {port} {Host}");
        foreach (var line in options.Configuration)
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }

    /// <summary>The plain listener, then each <c>listener PORT ...</c> line of the further configuration.</summary>
    private static IEnumerable<int> ListenerPorts(MosquittoProcessOptions options, int port)
    {
        yield return port;
        foreach (var line in options.Configuration)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words is ["listener", var number, ..] && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var further) && further > 0)
            {
                yield return further;
            }
        }
    }

    private async Task WaitUntilAcceptingAsync(int port, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await AcceptsAsync(port, cancellationToken).ConfigureAwait(false))
        {
            if (_process.HasExited)
            {
                // Without a timeout, this waits for the output readers to reach the end, so the tail is complete.
                await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException(
                    $"mosquitto exited with code {_process.ExitCode} before listening on port {port}. Its output:{Environment.NewLine}{OutputTail}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"mosquitto did not accept connections on port {port} within {StartTimeout.TotalSeconds:0} s. Its output:{Environment.NewLine}{OutputTail}"));
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromMilliseconds(500));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, attempt.Token).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void KillOnHostExit(object? sender, EventArgs e) => Kill();
}
