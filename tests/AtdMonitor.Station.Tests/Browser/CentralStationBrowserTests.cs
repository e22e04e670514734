using System.Diagnostics;
using System.Net.Http.Json;
using System.Reactive.Linq;
using System.Text.Json;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Station.Tests.Support;
using AtdMonitor.Station.Web;
using AtdMonitor.Streaming.Feed;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Xunit.Abstractions;

namespace AtdMonitor.Station.Tests.Browser;

/// <summary>The central station in headless Chromium against a worker fed by the simulator.</summary>
[Collection(SharedCentralStation.Name)]
public sealed class CentralStationBrowserTests(CentralStationFixture fixture, ITestOutputHelper output)
{
    /// <summary>How much the worker's managed heap may grow while one page stays open for a minute.</summary>
    private const long HeapGrowthBound = 8 * 1024 * 1024;

    [SkippableFact]
    public async Task Every_bed_gets_a_tile_and_its_ECG_strip_advances_with_beats_marked()
    {
        var browser = OpenWard();
        var beds = fixture.Worker.Beds;
        Assert.True(await Eventually.HoldsAsync(() => TileBeds(browser).Count == beds.Count, TimeSpan.FromSeconds(30)),
            $"tiles {string.Join(",", TileBeds(browser))}, beds {string.Join(",", beds)}");
        Assert.Equal(beds.Order(), TileBeds(browser).Order());

        foreach (var bed in beds)
        {
            Assert.True(await Eventually.HoldsAsync(() => StripEnd(browser, bed) > 0 && StripMarks(browser, bed) > 0, TimeSpan.FromSeconds(30)), $"{bed}: no strip or no beat marks");
        }

        var bedToWatch = beds[0];
        var end = StripEnd(browser, bedToWatch);
        var pixels = StripPixels(browser, bedToWatch);
        await Task.Delay(1500);
        Assert.True(StripEnd(browser, bedToWatch) > end, "the strip did not advance");
        Assert.NotEqual(pixels, StripPixels(browser, bedToWatch));
        Assert.Matches("^[0-9]+$", browser.FindElement(By.CssSelector($"[data-bed='{bedToWatch}'] .hr .value")).Text);

        await Eventually.HoldsAsync(() => browser.FindElements(By.CssSelector("#alarm-list tbody tr")).Count >= 3, TimeSpan.FromSeconds(30));
        Save(browser, "central-station.png");
    }

    [SkippableFact]
    public async Task An_alarm_raised_by_the_pipeline_appears_on_the_page_within_two_seconds()
    {
        var browser = OpenWard();
        Assert.True(await Eventually.HoldsAsync(() => TileBeds(browser).Count > 0, TimeSpan.FromSeconds(30)));
        var raised = new TaskCompletionSource<(AlertMessage Alert, long At)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var feed = fixture.Worker.Host.Services.GetRequiredService<IMonitoringFeed>();
        using (feed.Alerts.Where(a => a.State == AlertState.Raise).Take(1).Subscribe(a => raised.TrySetResult((a, Stopwatch.GetTimestamp()))))
        {
            var (alert, at) = await raised.Task.WaitAsync(TimeSpan.FromSeconds(120));
            // The page keys an alarm by its onset, which a rule with a minimum duration dates before the raise.
            var key = $"{alert.Bed}|{alert.Type}|{JsonSerializer.Serialize(alert.Onset ?? alert.Time, StationJson.Options).Trim('"')}";
            var shown = await Eventually.HoldsAsync(() => browser.FindElements(By.CssSelector($"#alarm-list tr[data-key='{key}']")).Count > 0, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(25));
            var elapsed = Stopwatch.GetElapsedTime(at);
            output.WriteLine($"{alert.Bed} {alert.Type} raised; on the page after {elapsed.TotalMilliseconds:0} ms");
            Assert.True(shown, $"alarm {key} never appeared");
            Assert.True(elapsed <= TimeSpan.FromSeconds(2), $"alarm {key} appeared after {elapsed.TotalMilliseconds:0} ms");
        }
    }

    [SkippableFact]
    public async Task Acknowledging_an_alarm_on_the_page_changes_its_state_on_the_page_on_MQTT_and_in_the_store()
    {
        const string Nurse = "nurse.ana";
        var browser = OpenWard();
        var operatorName = browser.FindElement(By.Id("operator"));
        operatorName.Clear();
        operatorName.SendKeys(Nurse);

        // An alarm whose condition lasts, clicked in one script: the list is redrawn whenever an alarm changes.
        const string Click = """
            const row = [...document.querySelectorAll('#alarm-list tr')].find(r => ['active', 'escalated'].includes(r.dataset.state) && r.querySelector('button.acknowledge'));
            if (!row) return null;
            document.getElementById('alarm-outcome').textContent = '';
            const button = row.querySelector('button.acknowledge');
            button.click();
            return [button.dataset.bed, button.dataset.type, row.dataset.key];
            """;
        var (bed, type, key) = (string.Empty, string.Empty, string.Empty);
        for (var attempt = 1; ; attempt++)
        {
            IReadOnlyList<object>? clicked = null;
            Assert.True(await Eventually.HoldsAsync(() => (clicked = browser.ExecuteScript(Click) as IReadOnlyList<object>) is not null, TimeSpan.FromSeconds(120)), "no alarm to acknowledge");
            (bed, type, key) = ((string)clicked![0], (string)clicked[1], (string)clicked[2]);
            var (clickedBed, clickedType, clickedKey) = (bed, type, key);
            Assert.True(await Eventually.HoldsAsync(
                () => browser.FindElement(By.Id("alarm-outcome")).Text.Length > 0 || fixture.Worker.AlertsOnMqtt.Any(a => a is { State: AlertState.Acknowledge, Operator: Nurse } && a.Bed == clickedBed && a.Type == clickedType),
                TimeSpan.FromSeconds(10)), $"no answer to acknowledging {key}");
            var refusal = Refusal(browser);
            if (refusal.Length == 0 || attempt == 5 || !refusal.Contains($"no {type} alarm on bed {bed}", StringComparison.Ordinal))
            {
                break;
            }

            // A low-priority alarm is not latched, and the page's list is up to a second old: its condition can end between
            // the list and the command, and the worker then rightly answers that there is no such alarm. The page must
            // then show it ended (its list follows the worker's alarm system) before the test tries another alarm.
            output.WriteLine($"{key} ended before its acknowledgement arrived; trying another alarm");
            Assert.True(await Eventually.HoldsAsync(() => RowState(browser, clickedKey) is "ended" or null, TimeSpan.FromSeconds(5)), $"the worker holds no {key}, the page shows it {RowState(browser, clickedKey)}");
        }

        output.WriteLine($"acknowledged {key}");

        Assert.True(await Eventually.HoldsAsync(() => RowState(browser, key) is "acknowledged" or "ended", TimeSpan.FromSeconds(10)), $"{key} is {RowState(browser, key)}");
        Assert.Empty(browser.FindElements(By.CssSelector($"#alarm-list tr[data-key='{key}'] button.acknowledge")));
        Assert.Equal(string.Empty, Refusal(browser));

        Assert.True(await Eventually.HoldsAsync(
            () => fixture.Worker.AlertsOnMqtt.Any(a => a is { State: AlertState.Acknowledge, Acknowledgement: AlarmAcknowledgement.Acknowledged, Operator: Nurse } && a.Bed == bed && a.Type == type),
            TimeSpan.FromSeconds(10)), "no acknowledge event on the alert topic");

        var store = fixture.Worker.Store;
        await store.WaitForSamplesAsync($"alarm_command_issued_at_ms{{bed=\"{bed}\",alarm=\"{type}\",action=\"acknowledge\",operator=\"{Nurse}\",source=\"station\",outcome=\"applied\"}}", 1, TimeSpan.FromSeconds(30));
        await store.WaitForSamplesAsync($"alert_value{{bed=\"{bed}\",type=\"{type}\",state=\"acknowledge\",acknowledgement=\"acknowledged\",operator=\"{Nurse}\"}}", 1, TimeSpan.FromSeconds(30));
    }

    [SkippableFact]
    public async Task The_bed_view_shows_a_longer_strip_the_trend_and_the_alarm_history()
    {
        var browser = fixture.Browser;
        var alarmed = await Eventually.HoldsAsync(() => fixture.Worker.AlertsOnMqtt.Any(a => a.State == AlertState.Raise), TimeSpan.FromSeconds(120));
        Assert.True(alarmed, "no alarm was raised");
        var bed = fixture.Worker.AlertsOnMqtt.First(a => a.State == AlertState.Raise).Bed;
        browser.Navigate().GoToUrl(new Uri(fixture.Worker.Station, $"/bed.html?bed={bed}"));

        // 30 s of a 90 Hz strip: more than a tile's 6 s once the bed has run that long.
        Assert.True(await Eventually.HoldsAsync(() => LongStripEnd(browser) > 0, TimeSpan.FromSeconds(30)));
        Assert.True(await Eventually.HoldsAsync(() => browser.FindElements(By.CssSelector("#history tbody tr")).Count > 0, TimeSpan.FromSeconds(30)), "no alarm history");
        long Samples() => (long)browser.ExecuteScript("return Number(document.getElementById('long-strip').dataset.samples)")!;
        Assert.True(await Eventually.HoldsAsync(() => Samples() > 6 * 90, TimeSpan.FromSeconds(30)), $"the bed view holds {Samples()} samples");
        Assert.NotEqual("--", browser.FindElement(By.Id("hr")).Text);
        await Task.Delay(1000);
        Save(browser, "central-station-bed.png");
    }

    [SkippableFact]
    public async Task A_page_left_open_for_a_minute_grows_the_worker_heap_by_less_than_8_MB()
    {
        var browser = OpenWard();
        Assert.True(await Eventually.HoldsAsync(() => TileBeds(browser).Count == fixture.Worker.Beds.Count, TimeSpan.FromSeconds(30)));
        await Task.Delay(TimeSpan.FromSeconds(10));
        var before = SettledHeap();
        await Task.Delay(TimeSpan.FromMinutes(1));
        var after = SettledHeap();

        // The streams of the pages the earlier tests opened end when the server sees their connections close, which lagged
        // by more than a minute once at a load average of 80: the count is read until it settles.
        using var http = fixture.Worker.AuthorisedClient();
        var status = await http.GetFromJsonAsync<JsonElement>("/api/status");
        await Eventually.HoldsAsync(() => (status = http.GetFromJsonAsync<JsonElement>("/api/status").GetAwaiter().GetResult()).GetProperty("clients").GetInt32() == 1,
            TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        output.WriteLine($"heap {before / 1e6:0.0} MB -> {after / 1e6:0.0} MB; status {status}");
        Assert.Equal(1, status.GetProperty("clients").GetInt32());
        Assert.Equal(0, status.GetProperty("stalledClients").GetInt64());
        Assert.True(after - before < HeapGrowthBound, $"the heap grew {(after - before) / 1e6:0.0} MB in a minute");
    }

    /// <summary>The page's refusal of the last acknowledgement, or empty when it was applied (or none was sent).</summary>
    private static string Refusal(ChromeDriver browser) =>
        browser.ExecuteScript("const o = document.getElementById('alarm-outcome'); return o.classList.contains('error') ? o.textContent : ''") as string ?? string.Empty;

    private static string? RowState(ChromeDriver browser, string key) =>
        browser.ExecuteScript("return [...document.querySelectorAll('#alarm-list tr')].find(r => r.dataset.key === arguments[0])?.dataset.state ?? null", key) as string;

    private static long SettledHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static List<string> TileBeds(ChromeDriver browser) =>
        browser.FindElements(By.CssSelector("#ward .tile")).Select(t => t.GetAttribute("data-bed") ?? string.Empty).ToList();

    private static long StripEnd(ChromeDriver browser, string bed) =>
        Convert.ToInt64(browser.ExecuteScript($"return Number(document.querySelector(\"[data-bed='{bed}'] canvas\").dataset.end ?? 0)"), System.Globalization.CultureInfo.InvariantCulture);

    private static long StripMarks(ChromeDriver browser, string bed) =>
        Convert.ToInt64(browser.ExecuteScript($"return Number(document.querySelector(\"[data-bed='{bed}'] canvas\").dataset.marks ?? 0)"), System.Globalization.CultureInfo.InvariantCulture);

    private static string StripPixels(ChromeDriver browser, string bed) =>
        (string)browser.ExecuteScript($"return document.querySelector(\"[data-bed='{bed}'] canvas\").toDataURL()")!;

    private static long LongStripEnd(ChromeDriver browser) =>
        Convert.ToInt64(browser.ExecuteScript("return Number(document.getElementById('long-strip').dataset.end ?? 0)"), System.Globalization.CultureInfo.InvariantCulture);

    private static void Save(ChromeDriver browser, string name)
    {
        Directory.CreateDirectory(CentralStationFixture.ScreenshotDirectory);
        browser.GetScreenshot().SaveAsFile(Path.Combine(CentralStationFixture.ScreenshotDirectory, name));
    }

    private ChromeDriver OpenWard()
    {
        var browser = fixture.Browser;
        browser.Navigate().GoToUrl(new Uri(fixture.Worker.Station, "/"));
        return browser;
    }
}
