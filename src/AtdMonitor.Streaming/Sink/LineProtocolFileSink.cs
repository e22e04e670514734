using System.Text;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Forecasting;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Inference;
using InfluxDB.Client.Writes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Sink;

/// <summary>
/// The sink without an InfluxDB: appends line protocol to <see cref="InfluxOptions.LineProtocolFile"/> (import it later
/// with <c>influx write -b atd -f FILE</c>) and logs every alert event to the console. Lines collect in memory and are
/// appended every <see cref="InfluxOptions.LineProtocolFlushInterval"/>, and at once after an alert, each time as whole
/// lines in one unbuffered write: a crash loses at most the last interval and never leaves a partial line.
/// </summary>
public sealed partial class LineProtocolFileSink : IMeasurementSink
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly object _gate = new();
    private readonly StringBuilder _pending = new();
    private readonly FileStream _file;
    private readonly ITimer _flushTimer;
    private readonly string _worker;
    private readonly ILogger<LineProtocolFileSink> _logger;
    private bool _disposed;

    public LineProtocolFileSink(IOptions<InfluxOptions> influx, IOptions<MqttOptions> mqtt, TimeProvider time, ILogger<LineProtocolFileSink> logger)
    {
        ArgumentNullException.ThrowIfNull(influx);
        ArgumentNullException.ThrowIfNull(mqtt);
        ArgumentNullException.ThrowIfNull(time);
        var path = Path.GetFullPath(influx.Value.LineProtocolFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // No FileStream buffer: each flush is one write of whole lines, which a killed process cannot cut.
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _worker = mqtt.Value.ClientId;
        _logger = logger;
        var interval = influx.Value.LineProtocolFlushInterval;
        _flushTimer = time.CreateTimer(_ => FlushPending(), null, interval, interval);
        LogWritingTo(path);
    }

    public void WriteBeats(IReadOnlyList<ClassifiedBeat> beats)
    {
        ArgumentNullException.ThrowIfNull(beats);
        Append(beats.Select(MeasurementPoints.Beat));
    }

    public Task WriteAlertAsync(AlertMessage alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.State == AlertState.Raise)
        {
            LogAlertRaised(alert.Bed, alert.Type, alert.Message);
        }
        else
        {
            LogAlertCleared(alert.Bed, alert.Type, alert.Message);
        }

        Append([MeasurementPoints.Alert(alert)]);
        FlushPending();
        return Task.CompletedTask;
    }

    public Task WriteReadingAsync(SensorReading reading, CancellationToken cancellationToken)
    {
        Append(MeasurementPoints.Reading(reading));
        return Task.CompletedTask;
    }

    public Task WriteForecastsAsync(IReadOnlyList<ForecastPoint> forecasts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        Append(forecasts.Select(MeasurementPoints.Forecast));
        return Task.CompletedTask;
    }

    public Task WriteHealthAsync(HealthSnapshot health, CancellationToken cancellationToken)
    {
        Append([MeasurementPoints.Health(health, _worker)]);
        return Task.CompletedTask;
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

    private void Append(IEnumerable<PointData> points)
    {
        lock (_gate)
        {
            foreach (var point in points)
            {
                _pending.Append(point.ToLineProtocol()).Append('\n');
            }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "ALERT {Bed} {Type}: {Text}")]
    private partial void LogAlertRaised(string bed, string type, string text);

    [LoggerMessage(Level = LogLevel.Information, Message = "clear {Bed} {Type}: {Text}")]
    private partial void LogAlertCleared(string bed, string type, string text);
}
