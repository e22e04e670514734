using System.Text;
using AtdMonitor.Streaming.Configuration;
using InfluxDB.Client.Writes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Sink;

/// <summary>
/// The sink without an InfluxDB: appends line protocol to <see cref="InfluxOptions.LineProtocolFile"/> (import it later
/// with <c>influx write -b atd -f FILE</c>).
/// </summary>
public sealed partial class LineProtocolFileSink : IMeasurementSink
{
    private readonly object _gate = new();
    private readonly StreamWriter _writer;
    private readonly ILogger<LineProtocolFileSink> _logger;

    public LineProtocolFileSink(IOptions<InfluxOptions> influx, ILogger<LineProtocolFileSink> logger)
    {
        ArgumentNullException.ThrowIfNull(influx);
        var path = Path.GetFullPath(influx.Value.LineProtocolFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { NewLine = "\n" };
        _logger = logger;
        LogWritingTo(path);
    }

    public void Write(IReadOnlyCollection<PointData> points, WritePriority priority)
    {
        ArgumentNullException.ThrowIfNull(points);
        lock (_gate)
        {
            foreach (var point in points)
            {
                _writer.WriteLine(point.ToLineProtocol());
            }
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _writer.Flush();
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No Influx:Url: writing line protocol to {Path}")]
    private partial void LogWritingTo(string path);
}
