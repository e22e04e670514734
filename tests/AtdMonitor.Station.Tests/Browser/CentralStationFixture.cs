using AtdMonitor.Station.Tests.Support;
using OpenQA.Selenium.Chrome;

namespace AtdMonitor.Station.Tests.Browser;

/// <summary>One worker fed by the simulator at 5x real time and one headless Chromium, shared by the browser tests.</summary>
public sealed class CentralStationFixture : IAsyncLifetime
{
    private StationWorker? _worker;
    private ChromeDriver? _browser;

    internal StationWorker Worker => _worker ?? throw new InvalidOperationException("not started");

    internal ChromeDriver Browser
    {
        get
        {
            Skip.If(_browser is null, "chromium is not installed (apt-get install chromium chromium-driver).");
            return _browser!;
        }
    }

    /// <summary>Where screenshots go: beside the test binary.</summary>
    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        _worker = await StationWorker.StartAsync(speed: 5);
        try
        {
            _browser = HeadlessChromium.Start();
        }
        catch (SkipException)
        {
            return;
        }

        // Once with the token: the station sets its cookie and reloads without it.
        _browser.Navigate().GoToUrl(new Uri(_worker.Station, $"/?token={StationWorker.Token}"));
    }

    public async Task DisposeAsync()
    {
        _browser?.Quit();
        _browser?.Dispose();
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }
    }
}
