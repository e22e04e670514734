using System.Net;
using System.Net.Sockets;

namespace AtdMonitor.Station.Tests.Support;

/// <summary>
/// A plain TCP relay on a free loopback port to the station that can stop carrying bytes, both ways, without closing
/// anything: a pulled cable or a hung host, which a browser's EventSource does not notice by itself.
/// </summary>
internal sealed class FreezableRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<TcpClient> _sockets = [];
    private readonly int _target;
    private volatile bool _frozen;

    public FreezableRelay(int target)
    {
        _target = target;
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>The address browsers open instead of the station's.</summary>
    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>From now on nothing more is carried, and every connection, open or new, stays open.</summary>
    public void Freeze() => _frozen = true;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        lock (_sockets)
        {
            _sockets.ForEach(socket => socket.Dispose());
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            var server = new TcpClient();
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
                await server.ConnectAsync(IPAddress.Loopback, _target, _stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                server.Dispose();
                return;
            }

            lock (_sockets)
            {
                _sockets.Add(client);
                _sockets.Add(server);
            }

            _ = CarryAsync(client.GetStream(), server.GetStream());
            _ = CarryAsync(server.GetStream(), client.GetStream());
        }
    }

    private async Task CarryAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stopping.Token);
                while (_frozen)
                {
                    await Task.Delay(100, _stopping.Token);
                }

                if (read == 0)
                {
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stopping.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Stopped, or one side closed.
        }
    }
}
