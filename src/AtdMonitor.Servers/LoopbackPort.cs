using System.Net;
using System.Net.Sockets;

namespace AtdMonitor.Servers;

/// <summary>Loopback TCP ports for local servers (the bench's mosquitto, the tests' brokers and stores): a free one to listen on.</summary>
public static class LoopbackPort
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
}
