using AtdMonitor.Protocol.Messages;
using AtdMonitor.Station.Tests.Support;
using AtdMonitor.Station.Ward;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Chromium;

namespace AtdMonitor.Station.Tests.Browser;

/// <summary>
/// What a nurse must be able to trust on the ward page, in a real browser against a station fed by the test: data that
/// stopped never reads as live, a lost connection says so across the page, an acknowledgement that did not get through
/// says so, no Acknowledge button is pushed out of sight, and a latched alarm a restarted worker restored is on the page
/// to acknowledge.
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

    [SkippableFact]
    public async Task A_latched_alarm_restored_after_a_worker_restart_is_on_the_station_and_leaves_it_when_acknowledged_there()
    {
        const string Bed = "restart-bed-1";
        const string Nurse = "nurse.ana";
        var journal = Directory.CreateTempSubdirectory("atd-station-restart-");
        try
        {
            void Configure(Dictionary<string, string?> settings)
            {
                settings["Alerts:Alarms:Types:tachycardia:Priority"] = "High"; // medium by default; high latches
                settings[InProcessWorker.JournalPathKey] = Path.Combine(journal.FullName, "alarms.jsonl"); // one journal for both runs
            }

            // The device's clock: sample 0 half an hour ago, one window a second, as in the worker's alarm tests.
            var start = DateTimeOffset.UtcNow.AddMinutes(-30);
            var racing = new SyntheticEcg(150, seconds: 40, seed: 2);
            var calm = new SyntheticEcg(75, seconds: 60);
            await using (var first = await StationWorker.StartAsync(speed: null, Configure))
            {
                await first.PublishAsync(Bed, racing, start, 0, 20);
                await first.PublishAsync(Bed, calm, start, 20, 40);
                var board = first.Host.Services.GetRequiredService<IAlarmBoard>();
                Assert.True(await Eventually.HoldsAsync(() => board.Snapshot().Any(a => a is { Bed: Bed, Type: AlertTypes.Tachycardia, Priority: AlarmPriority.High, Latched: true, ConditionActive: false }), Timeout),
                    "the first worker never held a latched tachycardia whose condition ended");
            }

            await using var restarted = await StationWorker.StartAsync(speed: null, Configure);
            var row = $"#alarm-list tr[data-key^='{Bed}|{AlertTypes.Tachycardia}|']";
            using var browser = Open(restarted.Station);

            // Before the bed sends anything to this worker: only the board it restored can have put the alarm on the page.
            Assert.True(await Eventually.HoldsAsync(() => browser.FindElements(By.CssSelector(row)).Count > 0, Timeout), "the restored alarm is not on the ward's alarm list");
            Assert.Single(browser.FindElements(By.CssSelector(row)));
            Assert.Equal(("high", "Tachycardia", "ended, unacknowledged"), (Text(browser, $"{row} .pill"), Text(browser, $"{row} td:nth-child(3)"), Text(browser, $"{row} .state")));

            // Its message, on the bed's page once the bed is back.
            await restarted.PublishAsync(Bed, calm, start, 40, 45);
            var ward = restarted.Host.Services.GetRequiredService<WardState>();
            Assert.True(await Eventually.HoldsAsync(() => ward.Tile(Bed) is not null, Timeout), "the bed never came back");
            browser.Navigate().GoToUrl(new Uri(restarted.Station, $"/bed.html?bed={Bed}"));
            const string History = "#history tbody tr";
            Assert.True(await Eventually.HoldsAsync(() => browser.FindElements(By.CssSelector(History)).Count > 0, Timeout), "the bed's alarm history is empty");
            Assert.Single(browser.FindElements(By.CssSelector(History)));
            Assert.Equal(("Tachycardia", "ended, unacknowledged"), (Text(browser, $"{History} td:nth-child(2)"), Text(browser, $"{History} td:nth-child(4)")));
            Assert.Contains(AlarmSystem.RestoredNote, Text(browser, $"{History} td:nth-child(6)"), StringComparison.Ordinal);

            browser.Navigate().GoToUrl(new Uri(restarted.Station, "/"));
            browser.FindElement(By.Id("operator")).SendKeys(Nurse);
            Assert.True(await Eventually.HoldsAsync(() => browser.FindElements(By.CssSelector($"{row} button.acknowledge")).Count == 1, Timeout), "no Acknowledge button on the restored alarm");
            Assert.True(await Eventually.HoldsAsync(() => Text(browser, $"[data-bed='{Bed}'] .alarm") == "HIGH \u00b7 Tachycardia \u00b7 ended, unacknowledged", Timeout),
                $"the bed's tile reads '{Text(browser, $"[data-bed='{Bed}'] .alarm")}'");
            browser.FindElement(By.CssSelector($"{row} button.acknowledge")).Click();

            bool Acknowledged() => Text(browser, $"{row} .state") == $"ended by {Nurse}" && Text(browser, $"[data-bed='{Bed}'] .alarm").Length == 0
                && browser.FindElement(By.Id("alarm-outcome")).GetAttribute("class") == "outcome ok";
            Assert.True(await Eventually.HoldsAsync(Acknowledged, Timeout),
                $"the alarm reads '{Text(browser, $"{row} .state")}', the tile '{Text(browser, $"[data-bed='{Bed}'] .alarm")}', the outcome '{Text(browser, "#alarm-outcome")}'");
            Assert.Empty(browser.FindElements(By.CssSelector("#alarm-list button.acknowledge")));
            Assert.DoesNotContain(restarted.Host.Services.GetRequiredService<IAlarmBoard>().Snapshot(), a => a.Bed == Bed);
        }
        finally
        {
            journal.Delete(recursive: true);
        }
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
