using System.Net.Sockets;
using System.Text;
using AtdMonitor.Station.Tests.Support;
using AtdMonitor.Station.Ward;
using AtdMonitor.Station.Web;
using AtdMonitor.Streaming.Alerts;
using Microsoft.Extensions.DependencyInjection;

namespace AtdMonitor.Station.Tests.Web;

/// <summary>A browser that stops reading costs the worker one frame, then its connection; the feed goes on.</summary>
public sealed class StalledViewTests
{
    private const int Beds = 500;

    [Fact]
    public async Task A_view_that_stops_reading_is_disconnected_after_the_stall_timeout_while_the_ward_keeps_updating()
    {
        await using var station = await StationServer.StartAsync(s =>
        {
            s["Station:MaxBedsPerStream"] = Beds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            s["Station:StallTimeout"] = "00:00:01";
        });
        var ward = station.Host.Services.GetRequiredService<WardState>();
        var clients = station.Host.Services.GetRequiredService<StationClients>();
        var beds = Enumerable.Range(1, Beds).Select(i => $"bed{i:D4}").ToArray();
        var origin = DateTimeOffset.UtcNow;
        var second = 0;

        // The station subscribes to the feed in the background as the host starts: publish until it has every bed.
        Assert.True(await Eventually.HoldsAsync(() =>
        {
            Publish(station, beds, origin, second++);
            return ward.BedCount == Beds && second >= EcgStrip.Seconds;
        }, TimeSpan.FromSeconds(60)), $"the ward has {ward.BedCount} beds");

        // 30 s of 500 beds is a first frame of megabytes; a socket with a 1 KiB window that is never read cannot take it.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 1024 };
        await socket.ConnectAsync(station.Address.Host, station.Address.Port);
        var request = $"GET /api/stream?beds={string.Join(',', beds)}&seconds={EcgStrip.Seconds} HTTP/1.1\r\nHost: station\r\nAuthorization: Bearer {StationWorker.Token}\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        Assert.True(await Eventually.HoldsAsync(() => clients.Open == 1, TimeSpan.FromSeconds(30)), "the stream never opened");

        var last = second + 4;
        for (; second <= last; second++)
        {
            Publish(station, beds, origin, second);
        }

        Assert.True(await Eventually.HoldsAsync(() => clients.Stalled == 1 && clients.Open == 0, TimeSpan.FromSeconds(60)), $"open {clients.Open}, stalled {clients.Stalled}");
        Assert.True(await Eventually.HoldsAsync(() => ward.Tile(beds[^1])!.LastWindow == origin.AddSeconds(last), TimeSpan.FromSeconds(30)), "the ward stopped taking windows");
    }

    private static void Publish(StationServer station, string[] beds, DateTimeOffset origin, int second)
    {
        foreach (var bed in beds)
        {
            station.PublishWindow(bed, origin, second);
        }
    }
}
