using AtdMonitor.Streaming.Configuration;
using InfluxDB.Client.Writes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Sink;

/// <summary>
/// Writes to an InfluxDB v2 write API (or anything that speaks it) through an <see cref="InfluxWriteBuffer"/>: nothing
/// blocks on the store, an outage is bridged up to <see cref="InfluxBufferOptions.Capacity"/> points, alerts are never
/// dropped (docs/RELIABILITY.md).
/// </summary>
public sealed partial class InfluxMeasurementSink : IMeasurementSink
{
    private readonly InfluxWriteTarget _target;
    private readonly InfluxWriteBuffer _buffer;

    public InfluxMeasurementSink(IOptions<InfluxOptions> influx, IOptions<InfluxBufferOptions> buffer, ILogger<InfluxMeasurementSink> logger, ILogger<InfluxWriteBuffer> bufferLogger)
    {
        ArgumentNullException.ThrowIfNull(influx);
        ArgumentNullException.ThrowIfNull(buffer);
        _target = new InfluxWriteTarget(influx.Value);
        _buffer = new InfluxWriteBuffer(_target, buffer.Value, bufferLogger);
        LogWritingTo(logger, influx.Value.Url, influx.Value.Bucket, buffer.Value.Capacity);
    }

    /// <summary>What the buffer has written, holds and dropped.</summary>
    public InfluxWriteBufferCounters Counters => _buffer.Counters;

    public void Write(IReadOnlyCollection<PointData> points, WritePriority priority)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (priority == WritePriority.Alert)
        {
            foreach (var point in points)
            {
                _buffer.AddAlert(point.ToLineProtocol());
            }
        }
        else
        {
            _buffer.AddPredictions(points.Select(point => point.ToLineProtocol()));
        }
    }

    /// <summary>Waits until everything buffered so far was written, or <paramref name="cancellationToken"/> fires.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => _buffer.FlushAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _buffer.DisposeAsync().ConfigureAwait(false);
        _target.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Writing to InfluxDB at {Url}, bucket {Bucket}, buffering up to {Capacity} points through outages")]
    private static partial void LogWritingTo(ILogger logger, string url, string bucket, int capacity);
}
