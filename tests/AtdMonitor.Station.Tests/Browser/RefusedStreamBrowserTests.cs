using AtdMonitor.Protocol.Messages;
using AtdMonitor.Station.Tests.Support;
using AtdMonitor.Station.Ward;
using AtdMonitor.Station.Web;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace AtdMonitor.Station.Tests.Browser;

/// <summary>
/// A page (the ward or a bed's) whose live stream the station refuses (every view slot taken) says so, still lists the alarms, and goes live
/// by itself once a slot is free: the browser never retries a refused EventSource, so the page must.
/// </summary>
[Collection(SharedCentralStation.Name)]
public sealed class RefusedStreamBrowserTests
{
    private const string Bed = "bed01";

    [SkippableTheory]
    [InlineData("/", $"#alarm-list tr[data-key^='{Bed}|{AlertTypes.Trigeminy}|']")]
    [InlineData($"/bed.html?bed={Bed}", "#history tbody tr")]
    public async Task A_page_refused_a_stream_shows_disconnected_lists_the_alarms_and_goes_live_when_a_view_slot_frees(string page, string alarmRow)
    {
        await using var station = await StationServer.StartAsync(s => s["Station:MaxClients"] = "1");
        var ward = station.Host.Services.GetRequiredService<WardState>();
        var clients = station.Host.Services.GetRequiredService<StationClients>();
        var origin = DateTimeOffset.UtcNow;
        var second = 0;

        // The station subscribes to the feed as the host starts: publish until it holds the bed and its alarm.
        Assert.True(await Eventually.HoldsAsync(() =>
        {
            Publish(station, origin, second++, withAlarm: ward.RecentAlarms(10).Count == 0);
            return ward.BedCount == 1 && ward.RecentAlarms(10).Count == 1;
        }, TimeSpan.FromSeconds(30)), $"the ward has {ward.BedCount} beds and {ward.RecentAlarms(10).Count} alarms");

        // Another view holds the only slot.
        using var other = station.Client();
        using var occupied = await other.GetAsync(new Uri($"/api/stream?beds={Bed}", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        occupied.EnsureSuccessStatusCode();
        Assert.Equal(1, clients.Open);

        using var browser = HeadlessChromium.Start();
        browser.Navigate().GoToUrl(new Uri(station.Address, $"/?token={StationWorker.Token}"));
        browser.Navigate().GoToUrl(new Uri(station.Address, page));
        Assert.True(await Eventually.HoldsAsync(() => Connection(browser).StartsWith("DISCONNECTED: nothing shown is live", StringComparison.Ordinal), TimeSpan.FromSeconds(20)),
            $"connection shows '{Connection(browser)}'");
        Assert.True(await Eventually.HoldsAsync(() => browser.FindElements(By.CssSelector(alarmRow)).Count == 1, TimeSpan.FromSeconds(10)),
            "the alarm list stayed empty without a stream");

        // Once the other view leaves, the page's next look (every 3 s on the ward, 5 s on a bed) finds its stream closed
        // and opens it again, in the slot just freed.
        occupied.Dispose();
        Assert.True(await Eventually.HoldsAsync(() => Connection(browser) == "live" && clients.Open == 1, TimeSpan.FromSeconds(30)),
            $"connection shows '{Connection(browser)}', {clients.Open} streams open");
        browser.Quit();
    }

    private static string Connection(ChromeDriver browser) => browser.FindElement(By.Id("connection")).Text;

    private static void Publish(StationServer station, DateTimeOffset origin, int second, bool withAlarm)
    {
        station.PublishWindow(Bed, origin, second);
        if (withAlarm)
        {
            // Always the same alarm (one onset), however often it is published before the station takes it.
            station.Feed.Publish(new AlertMessage(Bed, origin, AlertTypes.Trigeminy, AlertState.Raise, "trigeminy", 1, AlarmPriority.Low, Onset: origin));
        }
    }
}
