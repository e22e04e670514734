using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// Central-station viewers for <c>atd bench pipeline --station-views N</c>: each reads the station as the ward page
/// does (<c>ward.js</c>): a page of 24 beds from <c>/api/ward</c> (viewer k looks at page k), its live stream
/// <c>/api/stream</c> read to the end of every frame, and <c>/api/ward</c> again every 3 s. No browser renders: the
/// cost measured is the worker's, serving the views.
/// </summary>
internal sealed class BenchStationViewers : IAsyncDisposable
{
    private const int PageSize = 24;

    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http;
    private readonly Task[] _viewers;
    private long _bytes;
    private long _frames;
    private long _firstByte;

    private BenchStationViewers(Uri station, string token, int count)
    {
        _http = new HttpClient { BaseAddress = station, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _viewers = Enumerable.Range(0, count).Select(page => Task.Run(() => ViewAsync(page, _stop.Token))).ToArray();
    }

    /// <summary>Bytes of live stream read by all viewers.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Frames (server-sent events) read by all viewers.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Seconds since the first viewer received its first byte.</summary>
    public double StreamingSeconds => _firstByte == 0 ? 0 : Stopwatch.GetElapsedTime(Interlocked.Read(ref _firstByte)).TotalSeconds;

    public static BenchStationViewers Start(Uri station, string token, int count) => new(station, token, count);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_viewers).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
            // The viewers end with the run.
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task ViewAsync(int page, CancellationToken stop)
    {
        string[] beds = [];
        while (beds.Length == 0)
        {
            beds = await PageBedsAsync(page, stop).ConfigureAwait(false);
            if (beds.Length == 0)
            {
                await Task.Delay(500, stop).ConfigureAwait(false);
            }
        }

        var path = string.Create(CultureInfo.InvariantCulture, $"/api/stream?beds={string.Join(',', beds)}&seconds=6");
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, stop).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(stop).ConfigureAwait(false);
        var refresh = Task.Run(() => RefreshAsync(page, stop), stop);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, stop).ConfigureAwait(false)) > 0)
        {
            Interlocked.CompareExchange(ref _firstByte, Stopwatch.GetTimestamp(), 0);
            Interlocked.Add(ref _bytes, read);
            Interlocked.Add(ref _frames, buffer.AsSpan(0, read).Count("\n\n"u8));
        }

        await refresh.ConfigureAwait(false);
    }

    private async Task RefreshAsync(int page, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(3000, stop).ConfigureAwait(false);
            await PageBedsAsync(page, stop).ConfigureAwait(false);
        }
    }

    private async Task<string[]> PageBedsAsync(int page, CancellationToken stop)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"/api/ward?page={page}&size={PageSize}");
        var ward = await _http.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative), stop).ConfigureAwait(false);
        return ward.GetProperty("beds").EnumerateArray().Select(b => b.GetProperty("bed").GetString()!).ToArray();
    }
}
