using AtdMonitor.Protocol.Messages;
using AtdMonitor.Station.Tests.Support;
using AtdMonitor.Station.Ward;
using AtdMonitor.Streaming.Beats;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Chromium;

namespace AtdMonitor.Station.Tests.Browser;

/// <summary>
/// What a nurse must be able to trust on the ward page, in a real browser against a station fed by the test: data that
/// stopped never reads as live, a lost connection says so across the page, an acknowledgement that did not get through
/// says so, and no Acknowledge button is pushed out of sight.
/// </summary>
public sealed class StationTrustBrowserTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly string[] ClassNames = ["N", "S", "V", "F", "Q"];
    private static readonly float[] Normal = [0.96f, 0.01f, 0.01f, 0.01f, 0.01f];

    [SkippableFact]
    public async Task A_bed_whose_data_stopped_shows_no_heart_rate_and_says_no_data_while_a_live_bed_keeps_its_figures()
    {
        await using var station = await StartWithBeds(20, "bed-stopped", "bed-live");
        var origin = DateTimeOffset.UtcNow.AddSeconds(-20);
        using var feeding = new CancellationTokenSource();
        var live = FeedAsync(station, "bed-live", origin, 20, feeding.Token);
        using var browser = Open(station.Address);

        var stopped = await Eventually.HoldsAsync(() => Text(browser, "[data-bed='bed-stopped'] .rhythm") == "NO DATA", Timeout);

        Assert.True(stopped, $"the stopped bed shows '{Text(browser, "[data-bed='bed-stopped'] .rhythm")}'");
        Assert.Equal("--", Text(browser, "[data-bed='bed-stopped'] .hr .value"));
        Assert.StartsWith("no data since ", Text(browser, "[data-bed='bed-stopped'] .quality"), StringComparison.Ordinal);
        Assert.Equal("75", Text(browser, "[data-bed='bed-live'] .hr .value"));
        await feeding.CancelAsync();
        await live;
    }

    [SkippableFact]
    public async Task A_connection_that_stops_carrying_data_without_closing_is_shown_as_lost_across_the_page()
    {
        await using var station = await StartWithBeds(20, "bed01");
        await using var relay = new FreezableRelay(station.Address.Port);
        using var browser = Open(relay.Address);
        Assert.True(await Eventually.HoldsAsync(() => Text(browser, "#connection") == "live", Timeout), $"connection shows '{Text(browser, "#connection")}'");

        relay.Freeze();

        Assert.True(await Eventually.HoldsAsync(() => Text(browser, "#connection").StartsWith("CONNECTION LOST: nothing shown is live", StringComparison.Ordinal), Timeout),
            $"connection shows '{Text(browser, "#connection")}'");
        Assert.Contains("stale", browser.FindElement(By.TagName("body")).GetAttribute("class"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task With_the_station_gone_an_acknowledgement_says_it_was_not_sent_and_its_button_comes_back()
    {
        var station = await StartWithBeds(20, "bed01");
        var onset = DateTimeOffset.UtcNow;
        station.Feed.Publish(new AlertMessage("bed01", onset, AlertTypes.VentricularTachycardia, AlertState.Raise, "VT", 8, AlarmPriority.High, Onset: onset));
        using var browser = Open(station.Address);
        browser.FindElement(By.Id("operator")).SendKeys("nurse.ana");
        Assert.True(await Eventually.HoldsAsync(() => browser.FindElements(By.CssSelector("button.acknowledge")).Count == 1, Timeout));

        await station.DisposeAsync();
        Assert.True(await Eventually.HoldsAsync(() => Text(browser, "#connection").Contains("nothing shown is live", StringComparison.Ordinal), Timeout));
        browser.FindElement(By.CssSelector("button.acknowledge")).Click();

        Assert.True(await Eventually.HoldsAsync(() => Text(browser, "#alarm-outcome").Contains("no connection to the station", StringComparison.Ordinal), Timeout),
            $"the outcome reads '{Text(browser, "#alarm-outcome")}'");
        Assert.StartsWith("NOT acknowledged", Text(browser, "#alarm-outcome"), StringComparison.Ordinal);
        Assert.True(browser.FindElement(By.CssSelector("button.acknowledge")).Enabled);
    }

    [SkippableFact]
    public async Task A_page_that_shows_no_beds_clears_its_lost_banner_once_the_station_answers_again()
    {
        await using var station = await StartWithBeds(20, "bed01");
        using var browser = Open(station.Address);
        browser.FindElement(By.Id("search")).SendKeys("no-such-bed");
        Assert.True(await Eventually.HoldsAsync(() => Text(browser, "#range").StartsWith("beds 0", StringComparison.Ordinal), Timeout));

        browser.NetworkConditions = new ChromiumNetworkConditions { IsOffline = true, Latency = TimeSpan.FromMilliseconds(1), DownloadThroughput = 100_000, UploadThroughput = 100_000 };
        Assert.True(await Eventually.HoldsAsync(() => Text(browser, "#connection").StartsWith("CONNECTION LOST", StringComparison.Ordinal), Timeout), Text(browser, "#connection"));
        browser.ClearNetworkConditions();

        Assert.True(await Eventually.HoldsAsync(() => Text(browser, "#connection") == "live", Timeout), $"the banner still reads '{Text(browser, "#connection")}'");
    }

    [SkippableFact]
    public async Task The_bed_page_of_a_bed_the_station_does_not_know_never_reads_live()
    {
        await using var station = await StartWithBeds(20, "bed01");
        using var browser = Open(station.Address, "/bed.html?bed=bed99");

        Assert.True(await Eventually.HoldsAsync(() => Text(browser, "#connection") == "no bed bed99", Timeout), $"connection shows '{Text(browser, "#connection")}'");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal("no bed bed99", Text(browser, "#connection"));
    }

    [SkippableFact]
    public async Task The_bed_page_of_a_bed_whose_data_stopped_shows_no_heart_rate_and_says_no_data()
    {
        await using var station = await StartWithBeds(20, "bed-stopped");
        using var browser = Open(station.Address, "/bed.html?bed=bed-stopped");

        Assert.True(await Eventually.HoldsAsync(() => Text(browser, "#rhythm") == "NO DATA", Timeout), $"the bed page shows '{Text(browser, "#rhythm")}'");
        Assert.Equal("--", Text(browser, "#hr"));
    }

    [SkippableFact]
    public async Task Every_acknowledge_button_stays_inside_the_alarm_panel_with_a_latched_alarm_and_a_64_character_bed_id()
    {
        var longBed = "ward-7-bay-3-bed-12-" + new string('x', 44);
        Assert.Equal(64, longBed.Length);
        await using var station = await StartWithBeds(20, longBed, "bed01");
        var now = DateTimeOffset.UtcNow;
        var fibrillation = new AlertMessage("bed01", now, AlertTypes.VentricularFibrillation, AlertState.Raise, "VF", 0.3, AlarmPriority.High, Onset: now) { Latched = true };
        station.Feed.Publish(fibrillation);
        station.Feed.Publish(fibrillation with { State = AlertState.Clear, Time = now.AddSeconds(5), End = now.AddSeconds(5) });
        station.Feed.Publish(new AlertMessage(longBed, now, AlertTypes.Tachycardia, AlertState.Raise, "tachycardia", 130, AlarmPriority.Medium, Onset: now));
        using var browser = Open(station.Address);
        Assert.True(await Eventually.HoldsAsync(() => browser.FindElements(By.CssSelector("button.acknowledge")).Count == 2, Timeout));

        var outside = browser.ExecuteScript("""
            const panel = document.querySelector('aside.alarms');
            const box = panel.getBoundingClientRect();
            const out = [...document.querySelectorAll('button.acknowledge')].filter(b => b.getBoundingClientRect().right > box.right || b.getBoundingClientRect().right > innerWidth).length;
            return out + (panel.scrollWidth > panel.clientWidth ? 100 : 0);
            """);
        var tile = browser.ExecuteScript($"const t = document.querySelector(\"[data-bed='{longBed}']\").getBoundingClientRect(); const h = document.querySelector(\"[data-bed='{longBed}'] .hr\").getBoundingClientRect(); return h.right <= t.right;");

        Assert.Equal(0L, outside);
        Assert.Equal(true, tile);
    }

    private static async Task<StationServer> StartWithBeds(int seconds, params string[] beds)
    {
        var station = await StationServer.StartAsync();
        var ward = station.Host.Services.GetRequiredService<WardState>();
        var origin = DateTimeOffset.UtcNow.AddSeconds(-seconds);
        // The station subscribes to the feed as the host starts: publish until it holds every bed with a heart rate.
        Assert.True(await Eventually.HoldsAsync(() =>
        {
            foreach (var bed in beds)
            {
                for (var second = 0; second < seconds; second++)
                {
                    Publish(station, bed, origin, second);
                }
            }

            return ward.BedCount == beds.Length && beds.All(bed => ward.Tile(bed)!.HeartRate is not null);
        }, TimeSpan.FromSeconds(30)));
        return station;
    }

    /// <summary>One window and one normal beat (RR 0.8 s: 75 bpm) a second, from <paramref name="second"/> on, until cancelled.</summary>
    private static async Task FeedAsync(StationServer station, string bed, DateTimeOffset origin, int second, CancellationToken cancellationToken)
    {
        try
        {
            for (; ; second++)
            {
                Publish(station, bed, origin, second);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The test is over.
        }
    }

    private static void Publish(StationServer station, string bed, DateTimeOffset origin, int second)
    {
        station.PublishWindow(bed, origin, second);
        station.Feed.Publish(new ClassifiedBeat(bed, (second * 360) + 100, origin.AddSeconds(second + 0.28), "N", ClassNames, Normal, 0.8f, false));
    }

    private static ChromeDriver Open(Uri station, string? page = null)
    {
        var browser = HeadlessChromium.Start();
        browser.Navigate().GoToUrl(new Uri(station, $"/?token={StationWorker.Token}"));
        if (page is not null)
        {
            browser.Navigate().GoToUrl(new Uri(station, page));
        }

        return browser;
    }

    private static string Text(ChromeDriver browser, string selector) =>
        browser.ExecuteScript("return document.querySelector(arguments[0])?.textContent ?? ''", selector) as string ?? string.Empty;
}
