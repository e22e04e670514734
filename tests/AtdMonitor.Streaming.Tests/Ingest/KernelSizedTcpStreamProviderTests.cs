using System.Net;
using System.Net.Sockets;
using AtdMonitor.Mqtt;

namespace AtdMonitor.Streaming.Tests.Ingest;

public sealed class KernelSizedTcpStreamProviderTests
{
    /// <summary>What MQTTnet sets both buffers to; Linux doubles a size set by hand and stops tuning it.</summary>
    private const int MqttNetBufferSize = 8192;

    [Fact]
    public async Task The_connection_keeps_the_kernels_buffer_sizes_instead_of_the_8_KB_MQTTnet_would_fix()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepting = listener.AcceptSocketAsync();
        using var handBuffered = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = MqttNetBufferSize, SendBufferSize = MqttNetBufferSize };

        // A host name, as MQTTnet hands the provider what WithTcpServer was given.
        await using var stream = (NetworkStream)await new KernelSizedTcpStreamProvider(new LingerOption(enable: false, seconds: 0))
            .ConnectAsync(new DnsEndPoint("127.0.0.1", port), CancellationToken.None);
        using var broker = await accepting;

        Assert.True(stream.Socket.ReceiveBufferSize > handBuffered.ReceiveBufferSize, $"receive buffer {stream.Socket.ReceiveBufferSize} B");
        Assert.True(stream.Socket.SendBufferSize > handBuffered.SendBufferSize, $"send buffer {stream.Socket.SendBufferSize} B");
        Assert.True(stream.Socket.NoDelay);
        Assert.False(stream.Socket.LingerState!.Enabled);
        await broker.SendAsync(new byte[] { 0x20 });
        var received = new byte[1];
        Assert.Equal(1, await stream.ReadAsync(received));
        Assert.Equal(0x20, received[0]);
    }
}
