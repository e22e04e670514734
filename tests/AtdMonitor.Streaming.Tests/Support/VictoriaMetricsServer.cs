using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AtdMonitor.Streaming.Tests.Support;

/// <summary>
/// A throw-away victoria-metrics process: it accepts InfluxDB.Client writes on /api/v2/write and answers
/// /api/v1/export, so the Influx sink can be tested against a real store. Skips the test when it is not installed.
/// </summary>
internal sealed class VictoriaMetricsServer : IAsyncDisposable
{
    private const string Executable = "/usr/bin/victoria-metrics";
    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _http;

    private VictoriaMetricsServer(Process process, string directory, Uri url)
    {
        _process = process;
        _directory = directory;
        Url = url;
        _http = new HttpClient { BaseAddress = url };
    }

    public Uri Url { get; }

    public static async Task<VictoriaMetricsServer> StartAsync()
    {
        Skip.IfNot(File.Exists(Executable), $"{Executable} is not installed.");
        var port = FreePort();
        var directory = Path.Combine(Path.GetTempPath(), "atd-vm-" + Guid.NewGuid().ToString("N"));
        var process = Process.Start(new ProcessStartInfo(Executable, $"-httpListenAddr=127.0.0.1:{port} -storageDataPath={directory} -loggerLevel=ERROR")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var server = new VictoriaMetricsServer(process, directory, new Uri($"http://127.0.0.1:{port}/"));
        await WorkerHarness.WaitUntilAsync(() => server.IsHealthy(), TimeSpan.FromSeconds(20));
        return server;
    }

    /// <summary>
    /// All samples of the series whose name matches <paramref name="namePattern"/>, one JSON line per series. New series
    /// become searchable a moment after the write (later on a loaded machine), so an empty answer is retried for up to 10 s.
    /// </summary>
    public async Task<string> ExportAsync(string namePattern)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            using (await _http.PostAsync(new Uri("internal/force_flush", UriKind.Relative), null)) { }
            using var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("match[]", $"{{__name__=~\"{namePattern}\"}}")]);
            using var response = await _http.PostAsync(new Uri("api/v1/export", UriKind.Relative), content);
            var series = await response.Content.ReadAsStringAsync();
            if (series.Length > 0 || DateTime.UtcNow > deadline)
            {
                return series;
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private bool IsHealthy()
    {
        try
        {
            using var response = _http.GetAsync(new Uri("health", UriKind.Relative)).GetAwaiter().GetResult();
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
