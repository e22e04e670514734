using System.Globalization;
using System.Net;
using System.Text;
using AtdMonitor.Streaming.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Observability;

/// <summary>
/// The operators' HTTP endpoint on <c>Metrics:Port</c>: <c>/metrics</c> (Prometheus text), <c>/healthz</c> (200 while
/// the process runs: liveness and startup probes) and <c>/readyz</c> (200 once <see cref="WorkerReadiness"/> says so,
/// else 503 with the reason). One <see cref="HttpListener"/> serves all three, so the worker needs no web framework.
/// It opens in <see cref="StartingAsync"/> and, registered first, before the other services load their checkpoints
/// in theirs, so <c>/healthz</c> answers during the load; it closes last, after the pipelines have drained.
/// </summary>
public sealed partial class OperatorEndpointService(
    IOptions<MetricsOptions> options,
    PrometheusExporter exporter,
    WorkerReadiness readiness,
    ILogger<OperatorEndpointService> logger) : IHostedLifecycleService, IDisposable
{
    /// <summary>Starts tried before the runtime's race (<see cref="Open"/>) is taken for a real fault.</summary>
    private const int StartAttempts = 5;

    private readonly CancellationTokenSource _stopping = new();
    private HttpListener? _listener;
    private Task _serving = Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return Task.CompletedTask;
        }

        var prefix = string.Create(CultureInfo.InvariantCulture, $"http://{settings.Host}:{settings.Port}/");
        _listener = Open(prefix, settings);
        LogListening(prefix);
        _serving = Task.Run(() => ServeAsync(_listener, _stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Starts a listener on <paramref name="prefix"/>. On Linux the runtime's managed listener throws
    /// <see cref="ArgumentNullException"/> from <see cref="HttpListener.Start"/> when a client connects while it starts (its
    /// first accept completes before the lock it takes exists): a probe or a scrape at the worker's start did it. Start
    /// closes the listener that failed, so a fresh one is tried.
    /// </summary>
    private HttpListener Open(string prefix, MetricsOptions settings)
    {
        for (var attempt = 1; ; attempt++)
        {
            var listener = new HttpListener();
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
                return listener;
            }
            catch (ArgumentNullException ex) when (attempt < StartAttempts)
            {
                LogStartRace(attempt, ex.Message);
                listener.Close();
            }
            catch (HttpListenerException ex)
            {
                listener.Close();
                throw new WorkerStartException($"Metrics:Port {settings.Port} on Metrics:Host '{settings.Host}' cannot be opened ({ex.Message}); pick a free port or set Metrics:Port to 0 to turn the endpoint off.", ex);
            }
        }
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After every other service has stopped: ends the accept loop and closes the port.</summary>
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        await _serving.ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _listener?.Close();
        _stopping.Dispose();
    }

    private async Task ServeAsync(HttpListener listener, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException && stoppingToken.IsCancellationRequested)
            {
                break;
            }

            // Each request on its own task: a slow scraper must not hold up the probes.
            _ = Task.Run(() => RespondAsync(context, stoppingToken), CancellationToken.None);
        }
    }

    private async Task RespondAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        try
        {
            if (context.Request.HttpMethod != "GET")
            {
                response.AddHeader("Allow", "GET");
                await WriteTextAsync(response, HttpStatusCode.MethodNotAllowed, "only GET\n", cancellationToken).ConfigureAwait(false);
                return;
            }

            switch (context.Request.Url?.AbsolutePath)
            {
                case "/metrics":
                    response.StatusCode = (int)HttpStatusCode.OK;
                    response.ContentType = PrometheusExporter.ContentType;
                    using (var body = new MemoryStream())
                    {
                        await exporter.WriteAsync(body, cancellationToken).ConfigureAwait(false);
                        response.ContentLength64 = body.Length;
                        body.Position = 0;
                        await body.CopyToAsync(response.OutputStream, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case "/healthz":
                    await WriteTextAsync(response, HttpStatusCode.OK, "alive\n", cancellationToken).ConfigureAwait(false);
                    break;
                case "/readyz":
                    var reason = readiness.NotReadyReason();
                    await WriteTextAsync(response, reason is null ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable, (reason ?? "ready") + "\n", cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await WriteTextAsync(response, HttpStatusCode.NotFound, "not found: try /metrics, /healthz or /readyz\n", cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            LogResponseFailed(context.Request.Url?.AbsolutePath ?? "?", ex.Message);
        }
        finally
        {
            response.Close();
        }
    }

    private static async Task WriteTextAsync(HttpListenerResponse response, HttpStatusCode status, string text, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        response.StatusCode = (int)status;
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator endpoint listening on {Prefix} (/metrics, /healthz, /readyz)")]
    private partial void LogListening(string prefix);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Answering {Path} failed: {Reason}")]
    private partial void LogResponseFailed(string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator endpoint start {Attempt} hit the listener's start race ({Reason}); trying a fresh listener")]
    private partial void LogStartRace(int attempt, string reason);
}
