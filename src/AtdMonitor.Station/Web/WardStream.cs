using System.Buffers;
using System.Text;
using System.Text.Json;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Station.Configuration;
using AtdMonitor.Station.Ward;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Station.Web;

/// <summary>
/// <c>GET /api/stream?beds=a,b,...&amp;seconds=6</c>: Server-Sent Events for one page of the station. Every
/// <c>Station:FrameInterval</c> the stream reads what changed since its cursors straight from <see cref="WardState"/>
/// and sends it: <c>strips</c> (new samples and beat marks of its beds), and every second <c>tiles</c> (their
/// figures) and, when an alarm changed, <c>alarms</c> (the newest of the ward). Nothing is queued per client: a slow browser
/// holds one frame and Kestrel's bounded response buffer, and its next frame simply covers more time (coalescing,
/// at most the strip's last seconds). A browser that takes no frame for <c>Station:StallTimeout</c> is disconnected.
/// </summary>
internal static partial class WardStream
{
    /// <summary>Alarms sent in each <c>alarms</c> event.</summary>
    public const int AlarmListLength = 100;

    /// <summary>Seconds of strip a stream may ask for: a tile's 6 s up to the bed view's <see cref="EcgStrip.Seconds"/>.</summary>
    public const int MaxSeconds = EcgStrip.Seconds;

    public static async Task RunAsync(HttpContext context, WardState ward, StationOptions options, StationClients clients, ILogger logger)
    {
        var beds = ParseBeds(context.Request.Query["beds"].ToString(), options.MaxBedsPerStream, out var problem);
        var seconds = int.TryParse(context.Request.Query["seconds"], out var asked) ? asked : 6;
        if (problem is null && seconds is < 1 or > MaxSeconds)
        {
            problem = $"seconds must be between 1 and {MaxSeconds}";
        }

        if (problem is not null)
        {
            await Results.Text(problem + "\n", statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (!clients.TryEnter())
        {
            await Results.Text($"the central station serves at most {options.MaxClients} live views (Station:MaxClients)\n", statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        try
        {
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

            // The stall timeout below governs a view that stops reading; Kestrel's own minimum data rate would otherwise
            // abort such a view first, at a moment that depends on the machine's load, without counting it as stalled.
            if (context.Features.Get<IHttpMinResponseDataRateFeature>() is { } rate)
            {
                rate.MinDataRate = null;
            }

            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-store";
            await SendAsync(context, ward, options, clients, beds, seconds, logger).ConfigureAwait(false);
        }
        finally
        {
            clients.Leave();
        }
    }

    /// <summary>Bed ids separated by commas, each a valid protocol id; null with a reason otherwise.</summary>
    internal static string[] ParseBeds(string text, int max, out string? problem)
    {
        var beds = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToArray();
        problem = beds.Length > max ? $"at most {max} beds per stream (Station:MaxBedsPerStream)"
            : beds.FirstOrDefault(b => !AtdTopics.IsValidId(b)) is { } bad ? $"'{(bad.Length > 70 ? bad[..70] : bad)}' is not a bed id" : null;
        return beds;
    }

    private static async Task SendAsync(HttpContext context, WardState ward, StationOptions options, StationClients clients, string[] beds, int seconds, ILogger logger)
    {
        var aborted = context.RequestAborted;
        var cursors = beds.ToDictionary(b => b, _ => StripCursor.Start, StringComparer.Ordinal);
        var framesPerSecond = Math.Max(1, (int)Math.Round(TimeSpan.FromSeconds(1) / options.FrameInterval));
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        var alarmVersion = -1L;
        using var timer = new PeriodicTimer(options.FrameInterval);
        for (var frame = 0L; !aborted.IsCancellationRequested; frame++)
        {
            buffer.ResetWrittenCount();
            var strips = new List<StripChunk>(beds.Length);
            foreach (var bed in beds)
            {
                if (ward.ReadStrip(bed, cursors[bed], seconds, out var next) is { } chunk)
                {
                    cursors[bed] = next;
                    if (chunk.Samples.Length > 0 || chunk.Marks.Count > 0)
                    {
                        strips.Add(chunk);
                    }
                }
            }

            WriteEvent(buffer, "strips", strips);

            // Figures and the alarm list once a second: a busy ward changes its alarms every frame, and the list is large.
            if (frame % framesPerSecond == 0)
            {
                WriteEvent(buffer, "tiles", beds.Select(ward.Tile).OfType<BedTile>().ToList());
                if (ward.AlarmVersion != alarmVersion)
                {
                    alarmVersion = ward.AlarmVersion;
                    WriteEvent(buffer, "alarms", ward.RecentAlarms(AlarmListLength));
                }
            }

            using (var timeout = new CancellationTokenSource(options.StallTimeout))
            using (var stall = CancellationTokenSource.CreateLinkedTokenSource(aborted, timeout.Token))
            {
                try
                {
                    await context.Response.Body.WriteAsync(buffer.WrittenMemory, stall.Token).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(stall.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested)
                {
                    // Judged on the timeout itself: Kestrel aborts the connection when a write is cancelled, so by now the
                    // request may look aborted as well.
                    clients.CountStalled();
                    LogStalled(logger, context.Connection.RemoteIpAddress?.ToString() ?? "?", options.StallTimeout);
                    context.Abort();
                    return;
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException)
                {
                    return;
                }
            }

            try
            {
                await timer.WaitForNextTickAsync(aborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static void WriteEvent<T>(ArrayBufferWriter<byte> buffer, string name, T data)
    {
        buffer.Write(Encoding.ASCII.GetBytes($"event: {name}\ndata: "));
        using (var json = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(json, data, StationJson.Options);
        }

        buffer.Write("\n\n"u8);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A central-station view at {Remote} took no frame for {Timeout}; disconnected.")]
    private static partial void LogStalled(ILogger logger, string remote, TimeSpan timeout);
}
