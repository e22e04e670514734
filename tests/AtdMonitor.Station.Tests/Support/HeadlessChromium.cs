using OpenQA.Selenium.Chrome;

namespace AtdMonitor.Station.Tests.Support;

/// <summary>Debian's chromium and chromium-driver under Selenium, headless; skips the test when they are not installed (scripts/test.sh installs them).</summary>
internal static class HeadlessChromium
{
    private const string Browser = "/usr/bin/chromium";
    private const string Driver = "/usr/bin/chromedriver";

    public static ChromeDriver Start(int width = 1600, int height = 1000)
    {
        Skip.IfNot(File.Exists(Browser) && File.Exists(Driver), $"{Browser} and {Driver} are not installed (apt-get install chromium chromium-driver).");
        var options = new ChromeOptions { BinaryLocation = Browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", $"--window-size={width},{height}");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }
}
