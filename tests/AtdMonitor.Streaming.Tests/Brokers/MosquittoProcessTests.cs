using System.Net;
using System.Net.Sockets;
using AtdMonitor.Servers;
using AtdMonitor.Streaming.Tests.Support;

namespace AtdMonitor.Streaming.Tests.Brokers;

public sealed class MosquittoProcessTests
{
    [Fact]
    public async Task A_missing_mosquitto_is_named_with_how_to_install_it()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() =>
            MosquittoProcess.StartAsync(new MosquittoProcessOptions { Executable = "/nonexistent/mosquitto" }));

        Assert.Equal("mosquitto is not installed at /nonexistent/mosquitto (Debian: apt-get install mosquitto).", error.Message);
    }

    [SkippableFact]
    public async Task A_broker_that_cannot_start_names_its_reason()
    {
        MosquittoInstalled.OrSkip();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            MosquittoProcess.StartAsync(new MosquittoProcessOptions { Configuration = ["no_such_setting true"] }));

        Assert.StartsWith("mosquitto exited with code ", error.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_setting", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Every_listener_accepts_connections_once_started_and_none_after_dispose()
    {
        MosquittoInstalled.OrSkip();
        var further = LoopbackPort.FindFree();
        var broker = await MosquittoProcess.StartAsync(new MosquittoProcessOptions
        {
            Configuration = [FormattableString.Invariant($"listener {further} 127.0.0.1")],
        });
        var port = broker.Port;

        Assert.True(await AcceptsAsync(port));
        Assert.True(await AcceptsAsync(further));
        broker.Dispose();
        broker.Dispose();

        Assert.False(await AcceptsAsync(port));
        Assert.False(await AcceptsAsync(further));
    }

    [SkippableFact]
    public async Task A_clean_stop_ends_the_broker()
    {
        MosquittoInstalled.OrSkip();
        using var broker = await MosquittoProcess.StartAsync(new MosquittoProcessOptions());

        await broker.StopAsync();

        Assert.True(broker.HasExited);
        Assert.False(await AcceptsAsync(broker.Port));
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
