using System.Security.Cryptography.X509Certificates;
using AtdMonitor.Station.Configuration;
using AtdMonitor.Station.Ward;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Station.Web;

/// <summary>
/// The central station's web server: a Kestrel application of its own inside the worker's host, started after the
/// pipeline and stopped before it, so the worker stays a plain generic host and a station that fails to bind stops
/// the start with a message naming the key. It serves the pages in <c>station/</c> beside the binary, the JSON API
/// and the live stream, behind <see cref="StationAccess"/>; acknowledgements go to the worker's <see cref="IAlarmCommands"/>
/// (a host without an alarm system answers them 503).
/// </summary>
public sealed partial class StationWebService(
    IOptions<StationOptions> options,
    WardState ward,
    StationClients clients,
    ILoggerFactory loggerFactory,
    ILogger<StationWebService> logger,
    IAlarmCommands? commands = null,
    TimeProvider? time = null) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The addresses Kestrel listens on (a port 0 resolved), once started.</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "station"),
        });
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (settings.UsesTls)
            {
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = X509Certificate2.CreateFromPemFile(settings.CertificateFile, settings.KeyFile));
            }
        });
        if (settings.UsesTls)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        builder.WebHost.UseUrls([.. settings.UrlList]);
        var app = builder.Build();
        var access = new StationAccess(settings);
        app.Use((context, next) => access.InvokeAsync(context, next));
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "station")),
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.UseRouting();
        StationEndpoints.Map(app, ward, settings, clients, commands, time ?? TimeProvider.System, logger);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new WorkerStartException($"Station:Urls '{settings.Urls}' cannot be opened ({ex.Message}); pick a free port.", ex);
        }

        _app = app;
        Addresses = [.. app.Urls];
        var addresses = string.Join(", ", Addresses);
        LogListening(addresses, settings.Token.Length > 0 ? "token required" : "read-only, no token");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Central station on {Addresses} ({Access})")]
    private partial void LogListening(string addresses, string access);
}
