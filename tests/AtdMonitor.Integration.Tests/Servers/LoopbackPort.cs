using System.Net;
using System.Net.Sockets;

namespace AtdMonitor.Integration.Tests.Servers;

/// <summary>Loopback TCP ports for the servers: a free one to listen on, and a bounded wait until it accepts.</summary>
internal static class LoopbackPort
{
    public const string Host = "127.0.0.1";

    /// <summary>A port the kernel just handed out as free on 127.0.0.1 (the server binds it right after).</summary>
    public static int FindFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Polls until a TCP connection to the port succeeds; fails early if the server process died.</summary>
    public static async Task WaitUntilAcceptingAsync(int port, ChildProcess server, string serverName, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"{serverName} exited before listening on port {port}. Its output:{Environment.NewLine}{server.OutputTail}");
            }

            using (var client = new TcpClient())
            {
                using var attempt = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
                try
                {
                    await client.ConnectAsync(Host, port, attempt.Token);
                    return;
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException)
                {
                    // Not listening yet.
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{serverName} did not accept connections on port {port} within {timeout.TotalSeconds:0} s. Its output:{Environment.NewLine}{server.OutputTail}");
            }

            await Task.Delay(50);
        }
    }
}
