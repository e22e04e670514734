using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using AtdMonitor.Servers;

namespace AtdMonitor.TestSupport;

/// <summary>A real victoria-metrics for one test (or one collection): the store behind the worker's InfluxDB v2
/// writes (<c>/api/v2/write</c>), read back through its export API. It can be stopped (an outage) and started again
/// on the same port with the same data.</summary>
public sealed class VictoriaMetricsServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/victoria-metrics";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly DirectoryInfo _directory;
    private readonly HttpClient _http;
    private ChildProcess? _process;

    private VictoriaMetricsServer(DirectoryInfo directory, int port)
    {
        _directory = directory;
        Port = port;
        Url = new Uri($"http://{LoopbackPort.Host}:{port}");
        _http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(10) };
    }

    public int Port { get; }

    /// <summary>The base URL, also the InfluxDB URL for InfluxDB.Client (any token, org and bucket are accepted).</summary>
    public Uri Url { get; }

    public bool IsRunning => _process is { HasExited: false };

    public string OutputTail => _process?.OutputTail ?? string.Empty;

    public static async Task<VictoriaMetricsServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("atd-victoria-metrics-");
        var server = new VictoriaMetricsServer(directory, LoopbackPort.FindFree());
        try
        {
            await server.LaunchAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server (again): same port, same data directory. Returns when <c>/health</c> answers OK.</summary>
    public Task StartAgainAsync() => LaunchAsync();

    private async Task LaunchAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("victoria-metrics is already running.");
        }

        _process?.Dispose();
        _process = ChildProcess.Start(Executable,
        [
            $"-httpListenAddr={LoopbackPort.Host}:{Port}",
            $"-storageDataPath={Path.Combine(_directory.FullName, "data")}",
            "-retentionPeriod=100y", // replayed recordings may carry old timestamps
            "-search.latencyOffset=0s", // points are queryable as soon as they are flushed
            "-loggerLevel=ERROR",
        ], _directory.FullName);
        await WaitUntilHealthyAsync(_process);
    }

    /// <summary>A clean shutdown (SIGTERM): writes now fail with connection refused until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync();
        }
    }

    /// <summary>An outage of the given length: stop, wait, start again.</summary>
    public async Task OutageAsync(TimeSpan duration)
    {
        await StopAsync();
        await Task.Delay(duration);
        await LaunchAsync();
    }

    /// <summary>Makes everything written so far visible to queries and exports (<c>/internal/force_flush</c>).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(new Uri("/internal/force_flush", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Flushes, then exports every series matching a PromQL series selector, e.g. <c>{__name__=~"beat_.*",bed="b1"}</c>.</summary>
    public async Task<IReadOnlyList<ExportedSeries>> ExportAsync(string seriesSelector, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken);
        var query = new Uri($"/api/v1/export?match[]={Uri.EscapeDataString(seriesSelector)}", UriKind.Relative);
        using var response = await _http.GetAsync(query, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var series = new List<ExportedSeries>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var exported = JsonSerializer.Deserialize<ExportLine>(line)
                ?? throw new InvalidDataException($"victoria-metrics exported an empty line for {seriesSelector}.");
            series.Add(new ExportedSeries(exported.Metric, exported.Values, exported.Timestamps));
        }

        return series;
    }

    /// <summary>Polls the export (bounded) until the matching series hold at least <paramref name="minimumSamples"/>
    /// samples, then returns them. A flush is not always enough: right after a restart victoria-metrics takes about a
    /// second before new samples of existing series show up.</summary>
    public async Task<IReadOnlyList<ExportedSeries>> WaitForSamplesAsync(string seriesSelector, int minimumSamples, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var series = await ExportAsync(seriesSelector);
            var samples = series.Sum(s => s.Values.Count);
            if (samples >= minimumSamples)
            {
                return series;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{seriesSelector} had {samples} samples after {timeout.TotalSeconds:0} s; expected at least {minimumSamples}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The number of samples in all series matching the selector.</summary>
    public async Task<int> CountSamplesAsync(string seriesSelector, CancellationToken cancellationToken = default)
    {
        var series = await ExportAsync(seriesSelector, cancellationToken);
        return series.Sum(s => s.Values.Count);
    }

    /// <summary>An instant PromQL query; returns the scalar value of a single-result vector, or null if empty.</summary>
    public async Task<double?> QueryScalarAsync(string promQl, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken);
        var query = new Uri($"/api/v1/query?query={Uri.EscapeDataString(promQl)}", UriKind.Relative);
        var response = await _http.GetFromJsonAsync<QueryResponse>(query, cancellationToken)
            ?? throw new InvalidDataException($"victoria-metrics returned nothing for {promQl}.");
        return response.Data.Result.Count == 0
            ? null
            : double.Parse(response.Data.Result[0].Value[1].GetString()!, CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync();
            _process.Dispose();
        }

        _http.Dispose();
        _directory.Delete(recursive: true);
    }

    private async Task WaitUntilHealthyAsync(ChildProcess process)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"victoria-metrics exited while starting. Its output:{Environment.NewLine}{process.OutputTail}");
            }

            try
            {
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                using var response = await _http.GetAsync(new Uri("/health", UriKind.Relative), attempt.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"victoria-metrics was not healthy on port {Port} within {StartTimeout.TotalSeconds:0} s. Its output:{Environment.NewLine}{process.OutputTail}");
            }

            await Task.Delay(50);
        }
    }

    private sealed record ExportLine(
        [property: JsonPropertyName("metric")] Dictionary<string, string> Metric,
        [property: JsonPropertyName("values")] double[] Values,
        [property: JsonPropertyName("timestamps")] long[] Timestamps);

    private sealed record QueryResponse([property: JsonPropertyName("data")] QueryData Data);

    private sealed record QueryData([property: JsonPropertyName("result")] List<QueryResult> Result);

    private sealed record QueryResult([property: JsonPropertyName("value")] JsonElement[] Value);
}
