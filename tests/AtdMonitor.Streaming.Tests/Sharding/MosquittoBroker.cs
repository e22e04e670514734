using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using AtdMonitor.Streaming.Tests.Support;

namespace AtdMonitor.Streaming.Tests.Sharding;

/// <summary>
/// A real mosquitto on a free loopback port with a temporary configuration (anonymous, TCP_NODELAY, no persistence),
/// killed on dispose. Skips the calling test when mosquitto is not installed.
/// </summary>
internal sealed class MosquittoBroker : IDisposable
{
    private const string Executable = "/usr/sbin/mosquitto";

    private readonly Process _process;
    private readonly string _directory;

    private MosquittoBroker(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static async Task<MosquittoBroker> StartAsync()
    {
        Skip.IfNot(File.Exists(Executable), $"mosquitto not installed at {Executable} (Debian: apt-get install mosquitto).");
        var directory = Path.Combine(Path.GetTempPath(), "atd-mosquitto-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var port = FreePort.Next();
        var config = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"listener {port} 127.0.0.1\nallow_anonymous true\nset_tcp_nodelay true\npersistence false\nmax_queued_messages 100000\n"));
        var process = Process.Start(new ProcessStartInfo(Executable, ["-c", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("mosquitto did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var broker = new MosquittoBroker(process, directory, port);
        try
        {
            await broker.WaitListeningAsync(TimeSpan.FromSeconds(10));
            return broker;
        }
        catch
        {
            broker.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task WaitListeningAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with code {_process.ExitCode} before listening on port {Port}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
