using AtdMonitor.Station.Configuration;
using AtdMonitor.Station.Web;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Feed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AtdMonitor.Station.Tests.Support;

/// <summary>The station alone on a free loopback port, fed by a <see cref="MonitoringFeed"/> the test publishes to (no pipeline).</summary>
internal sealed class StationServer : IAsyncDisposable
{
    /// <summary>One second of a sine at 360 Hz: a window the station shows as signal, with no beats to mark.</summary>
    private static readonly float[] SineSecond = [.. Enumerable.Range(0, 360).Select(i => (float)Math.Sin(i / 10.0))];

    private StationServer(IHost host)
    {
        Host = host;
    }

    public IHost Host { get; }

    public MonitoringFeed Feed => Host.Services.GetRequiredService<MonitoringFeed>();

    public Uri Address => new(Host.Services.GetRequiredService<StationWebService>().Addresses[0]);

    /// <param name="configure">Changes to the station's settings.</param>
    /// <param name="commands">The alarm-command path acknowledgements go to; none: the host has no alarm system (503).</param>
    public static async Task<StationServer> StartAsync(Action<Dictionary<string, string?>>? configure = null, IAlarmCommands? commands = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Station:Enabled"] = "true",
            ["Station:Urls"] = "http://127.0.0.1:0",
            ["Station:Token"] = StationWorker.Token,
        };
        configure?.Invoke(settings);
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddSingleton<MonitoringFeed>();
        builder.Services.AddSingleton<IMonitoringFeed>(sp => sp.GetRequiredService<MonitoringFeed>());
        if (commands is not null)
        {
            builder.Services.AddSingleton(commands);
        }

        builder.Services.AddAtdStation(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new StationServer(host);
    }

    /// <summary>Publishes second <paramref name="second"/> after <paramref name="origin"/> of <paramref name="bed"/>: a
    /// sine window judged good signal.</summary>
    public void PublishWindow(string bed, DateTimeOffset origin, int second) =>
        Feed.Publish(new MonitoredWindow(bed, 0, second, origin.AddSeconds(second), 360, SineSecond, ImageMissing: false, FollowsGap: false, new SignalQualityVerdict(null, 2, 0.01)));

    /// <summary>A client that presents <paramref name="token"/> as a bearer token (none when null) and does not follow redirects.</summary>
    public HttpClient Client(string? token = StationWorker.Token, HttpMessageHandler? handler = null)
    {
        var client = new HttpClient(handler ?? new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Address };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
