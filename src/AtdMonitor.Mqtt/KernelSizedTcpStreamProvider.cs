using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;

namespace AtdMonitor.Mqtt;

/// <summary>
/// Opens the TCP connection to the broker as MQTTnet does (Nagle off, the given linger) but leaves the socket's buffer
/// sizes to the kernel. MQTTnet sets both to its <c>BufferSize</c> of 8 KB, and a buffer set by hand turns Linux's
/// autotuning off for good: the receive window then stays under about 12 KB while a loopback segment may be 64 KB.
/// Once a loaded reader has let the window fall below the broker's segment size (half the largest window seen), the
/// broker sends one window per 200 ms zero-window probe, about 30 KB/s, for the rest of the connection: a flood queued
/// for the worker then takes minutes, and every PUBACK and round-trip probe waits behind it in the broker's queue.
/// MQTTnet layers TLS, when configured, over the stream returned here.
/// </summary>
public sealed class KernelSizedTcpStreamProvider(LingerOption linger) : IMqttClientStreamProvider
{
    public async Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(brokerEndPoint);

        // Dual mode where the OS has IPv6, as MQTTnet's own socket: a host name may resolve to either family.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, LingerState = linger };
        try
        {
            await socket.ConnectAsync(brokerEndPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
