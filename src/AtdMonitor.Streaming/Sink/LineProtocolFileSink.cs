using System.Text;
using AtdMonitor.Streaming.Configuration;
using InfluxDB.Client.Writes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Sink;

/// <summary>
/// The sink without an InfluxDB: appends line protocol to <see cref="InfluxOptions.LineProtocolFile"/> (import it later
/// with <c>influx write -b atd -f FILE</c>). Lines collect in memory and are appended every
/// <see cref="InfluxOptions.LineProtocolFlushInterval"/>, and at once after points of <see cref="WritePriority.Alert"/>,
/// each time as whole lines in one unbuffered write: a crash loses at most the last interval and never leaves a partial line.
/// </summary>
public sealed partial class LineProtocolFileSink : IMeasurementSink
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly object _gate = new();
    private readonly StringBuilder _pending = new();
    private readonly FileStream _file;
    private readonly ITimer _flushTimer;
    private readonly ILogger<LineProtocolFileSink> _logger;
    private bool _disposed;

    public LineProtocolFileSink(IOptions<InfluxOptions> influx, TimeProvider time, ILogger<LineProtocolFileSink> logger)
    {
        ArgumentNullException.ThrowIfNull(influx);
        ArgumentNullException.ThrowIfNull(time);
        var path = Path.GetFullPath(influx.Value.LineProtocolFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // No FileStream buffer: each flush is one write of whole lines, which a killed process cannot cut.
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _logger = logger;
        var interval = influx.Value.LineProtocolFlushInterval;
        _flushTimer = time.CreateTimer(_ => FlushPending(), null, interval, interval);
        LogWritingTo(path);
    }

    public void Write(IReadOnlyCollection<PointData> points, WritePriority priority)
    {
        ArgumentNullException.ThrowIfNull(points);
        lock (_gate)
        {
            foreach (var point in points)
            {
                _pending.Append(point.ToLineProtocol()).Append('\n');
            }
        }

        if (priority == WritePriority.Alert)
        {
            FlushPending();
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        FlushPending();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _flushTimer.DisposeAsync().ConfigureAwait(false);
        FlushPending();
        lock (_gate)
        {
            _disposed = true;
            _file.Dispose();
        }
    }

    /// <summary>Appends the complete lines collected so far in one write; on failure they stay for the next try.</summary>
    private void FlushPending()
    {
        lock (_gate)
        {
            if (_pending.Length == 0 || _disposed)
            {
                return;
            }

            try
            {
                _file.Write(Utf8.GetBytes(_pending.ToString()));
                _pending.Clear();
            }
            catch (IOException exception)
            {
                LogFlushFailed(_pending.Length, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No Influx:Url: writing line protocol to {Path}")]
    private partial void LogWritingTo(string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Appending {Characters} characters of line protocol failed; kept for the next flush")]
    private partial void LogFlushFailed(int characters, Exception exception);
}
