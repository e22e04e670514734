using System.Net;
using System.Net.Sockets;

namespace AtdMonitor.Integration.Tests.Support;

/// <summary>
/// A TCP relay on a free loopback port to an MQTT broker, for faults a clean broker cannot make, each on the connections
/// open now while connections made later are carried as usual: <see cref="FreezeOpenConnections"/> stops carrying bytes
/// both ways without closing them (a half-open connection, or a peer that stopped reading);
/// <see cref="SwallowPublishAcknowledgements"/> drops the broker's PUBACKs and carries everything else (a broker that
/// takes publishes and never acknowledges them). Plaintext MQTT only: it reads the broker's packets.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _server;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Connection> _connections = [];
    private readonly Task _accepting;

    private TcpRelay(IPEndPoint server)
    {
        _server = server;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The loopback port clients connect to.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted
    {
        get
        {
            lock (_connections)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Starts a relay to the server at <paramref name="address"/> (an IP address) and <paramref name="port"/>.</summary>
    public static TcpRelay To(string address, int port) => new(new IPEndPoint(IPAddress.Parse(address), port));

    /// <summary>Stops carrying bytes, both ways, on every connection open now; each stays open.</summary>
    public void FreezeOpenConnections()
    {
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Frozen = true;
            }
        }
    }

    /// <summary>From now on drops every PUBACK the broker sends on the connections open now; carries all else.</summary>
    public void SwallowPublishAcknowledgements()
    {
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.SwallowingPublishAcknowledgements = true;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return; // Stopped.
            }

            var server = new TcpClient { NoDelay = true };
            try
            {
                await server.ConnectAsync(_server, _stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException)
            {
                // The server is away (restarting): this client is refused, the next one is tried afresh.
                client.Dispose();
                server.Dispose();
                continue;
            }

            client.NoDelay = true;
            var connection = new Connection(client, server);
            lock (_connections)
            {
                _connections.Add(connection);
            }

            _ = connection.CarryAsync(client.GetStream(), server.GetStream(), _stopping.Token);
            _ = connection.CarryPacketsAsync(server.GetStream(), client.GetStream(), _stopping.Token);
        }
    }

    private sealed class Connection(TcpClient client, TcpClient server) : IDisposable
    {
        public volatile bool Frozen;

        public volatile bool SwallowingPublishAcknowledgements;

        /// <summary>
        /// Copies the broker's side packet by packet (fixed header, remaining length, body), leaving out PUBACKs once
        /// <see cref="SwallowingPublishAcknowledgements"/>; stops like <see cref="CarryAsync"/>.
        /// </summary>
        public async Task CarryPacketsAsync(NetworkStream from, NetworkStream to, CancellationToken cancellationToken)
        {
            const byte PublishAcknowledgement = 4;
            var header = new byte[5];
            var body = new byte[16 * 1024];
            try
            {
                while (!Frozen)
                {
                    await from.ReadExactlyAsync(header.AsMemory(0, 1), cancellationToken);
                    var headerLength = 1;
                    var remaining = 0;
                    var shift = 0;
                    do
                    {
                        if (headerLength == header.Length)
                        {
                            throw new InvalidDataException("A remaining length of more than 4 bytes.");
                        }

                        await from.ReadExactlyAsync(header.AsMemory(headerLength, 1), cancellationToken);
                        remaining |= (header[headerLength] & 0x7F) << shift;
                        shift += 7;
                    }
                    while ((header[headerLength++] & 0x80) != 0);

                    if (body.Length < remaining)
                    {
                        body = new byte[remaining];
                    }

                    await from.ReadExactlyAsync(body.AsMemory(0, remaining), cancellationToken);
                    if (Frozen || (SwallowingPublishAcknowledgements && header[0] >> 4 == PublishAcknowledgement))
                    {
                        continue;
                    }

                    await to.WriteAsync(header.AsMemory(0, headerLength), cancellationToken);
                    await to.WriteAsync(body.AsMemory(0, remaining), cancellationToken);
                }

                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or InvalidDataException)
            {
                // Closed or stopped.
            }

            if (!Frozen)
            {
                Dispose();
            }
        }

        /// <summary>Copies one direction until either side closes; once frozen it stops reading and writing, and holds both sockets open.</summary>
        public async Task CarryAsync(NetworkStream from, NetworkStream to, CancellationToken cancellationToken)
        {
            var buffer = new byte[16 * 1024];
            try
            {
                while (true)
                {
                    var read = await from.ReadAsync(buffer, cancellationToken);
                    if (read == 0 || Frozen)
                    {
                        break;
                    }

                    await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                if (Frozen)
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // Closed or stopped.
            }

            if (!Frozen)
            {
                Dispose();
            }
        }

        public void Dispose()
        {
            client.Dispose();
            server.Dispose();
        }
    }
}
