using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// A mosquitto broker for the pipeline benchmark: started on a free loopback port with <c>set_tcp_nodelay true</c>
/// (Nagle off, or QoS 1 acknowledgements wait 40 ms) and queues large enough that it never drops for the worker.
/// </summary>
internal sealed class CapacityMosquittoBroker : IDisposable
{
    public const string DefaultExecutable = "/usr/sbin/mosquitto";

    private readonly Process _process;
    private readonly string _configuration;

    private CapacityMosquittoBroker(Process process, string configuration, int port)
    {
        _process = process;
        _configuration = configuration;
        Port = port;
    }

    public int Port { get; }

    /// <summary>CPU time the broker has used so far (from /proc, Linux).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<CapacityMosquittoBroker> StartAsync(string executable, CancellationToken cancellationToken)
    {
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"mosquitto not found at {executable}; install it (apt-get install mosquitto) or use --broker embedded.", executable);
        }

        var port = FreePort();
        var configuration = Path.Combine(Path.GetTempPath(), $"atd-bench-mosquitto-{port}.conf");
        await File.WriteAllTextAsync(configuration, string.Create(CultureInfo.InvariantCulture, $"""
            listener {port} 127.0.0.1
            allow_anonymous true
            set_tcp_nodelay true
            max_inflight_messages 1000
            max_queued_messages 1000000
            max_queued_bytes 0
            persistence false
            log_dest stderr
            log_type error
            """), cancellationToken).ConfigureAwait(false);
        var process = Process.Start(new ProcessStartInfo(executable, ["-c", configuration]) { RedirectStandardError = true, UseShellExecute = false })
            ?? throw new InvalidOperationException($"Could not start {executable}.");
        var broker = new CapacityMosquittoBroker(process, configuration, port);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await broker.AcceptsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var stderr = process.HasExited ? await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false) : "no answer within 10 s";
                broker.Dispose();
                throw new InvalidOperationException($"mosquitto did not start on port {port}: {stderr}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        return broker;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        File.Delete(_configuration);
    }

    private async Task<bool> AcceptsAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
