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
/// Registered before the other hosted services, so <c>/healthz</c> answers while the checkpoints load.
/// </summary>
public sealed partial class OperatorEndpointService(
    IOptions<MetricsOptions> options,
    PrometheusExporter exporter,
    WorkerReadiness readiness,
    ILogger<OperatorEndpointService> logger) : BackgroundService
{
    private HttpListener? _listener;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return Task.CompletedTask;
        }

        var prefix = string.Create(CultureInfo.InvariantCulture, $"http://{settings.Host}:{settings.Port}/");
        _listener = new HttpListener();
        _listener.Prefixes.Add(prefix);
        try
        {
            _listener.Start();
        }
        catch (HttpListenerException ex)
        {
            throw new WorkerStartException($"Metrics:Port {settings.Port} on Metrics:Host '{settings.Host}' cannot be opened ({ex.Message}); pick a free port or set Metrics:Port to 0 to turn the endpoint off.", ex);
        }

        LogListening(prefix);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stop = stoppingToken.Register(() => _listener?.Stop());
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener!.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException && stoppingToken.IsCancellationRequested)
            {
                break;
            }

            // Each request on its own task: a slow scraper must not hold up the probes.
            _ = Task.Run(() => RespondAsync(context, stoppingToken), CancellationToken.None);
        }
    }

    public override void Dispose()
    {
        // Cancels ExecuteAsync first (its registration stops the listener), then releases the listener.
        base.Dispose();
        _listener?.Close();
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
}
