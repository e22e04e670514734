using System.Text;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
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
/// with <c>influx write -b atd -f FILE</c>) and logs every alert event to the console.
/// </summary>
public sealed partial class LineProtocolFileSink : IMeasurementSink
{
    private readonly object _gate = new();
    private readonly StreamWriter _writer;
    private readonly string _worker;
    private readonly ILogger<LineProtocolFileSink> _logger;

    public LineProtocolFileSink(IOptions<InfluxOptions> influx, IOptions<MqttOptions> mqtt, ILogger<LineProtocolFileSink> logger)
    {
        ArgumentNullException.ThrowIfNull(influx);
        ArgumentNullException.ThrowIfNull(mqtt);
        var path = Path.GetFullPath(influx.Value.LineProtocolFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { NewLine = "\n" };
        _worker = mqtt.Value.ClientId;
        _logger = logger;
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
        if (alert.State is AlertState.Raise or AlertState.Escalate)
        {
            LogAlertRaised(alert.Bed, alert.Type, alert.Message);
        }
        else
        {
            LogAlertEvent(alert.State, alert.Bed, alert.Type, alert.Message);
        }

        Append([MeasurementPoints.Alert(alert)]);
        return Task.CompletedTask;
    }

    public Task WriteAlarmCommandAsync(AlarmCommandAudit audit, CancellationToken cancellationToken)
    {
        Append([MeasurementPoints.AlarmCommand(audit)]);
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

    private void Append(IEnumerable<PointData> points)
    {
        lock (_gate)
        {
            foreach (var point in points)
            {
                _writer.WriteLine(point.ToLineProtocol());
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No Influx:Url: writing line protocol to {Path}")]
    private partial void LogWritingTo(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ALERT {Bed} {Type}: {Text}")]
    private partial void LogAlertRaised(string bed, string type, string text);

    [LoggerMessage(Level = LogLevel.Information, Message = "{State} {Bed} {Type}: {Text}")]
    private partial void LogAlertEvent(AlertState state, string bed, string type, string text);
}
