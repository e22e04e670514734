using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Forecasting;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Inference;
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
    private readonly string _worker;

    public InfluxMeasurementSink(IOptions<InfluxOptions> influx, IOptions<InfluxBufferOptions> buffer, IOptions<MqttOptions> mqtt,
        ILogger<InfluxMeasurementSink> logger, ILogger<InfluxWriteBuffer> bufferLogger)
    {
        ArgumentNullException.ThrowIfNull(influx);
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(mqtt);
        _worker = mqtt.Value.ClientId;
        _target = new InfluxWriteTarget(influx.Value);
        _buffer = new InfluxWriteBuffer(_target, buffer.Value, bufferLogger);
        LogWritingTo(logger, influx.Value.Url, influx.Value.Bucket, buffer.Value.Capacity);
    }

    /// <summary>What the buffer has written, holds and dropped.</summary>
    public InfluxWriteBufferCounters Counters => _buffer.Counters;

    public void WriteBeats(IReadOnlyList<ClassifiedBeat> beats)
    {
        ArgumentNullException.ThrowIfNull(beats);
        _buffer.AddPredictions(beats.Select(beat => MeasurementPoints.Beat(beat).ToLineProtocol()));
    }

    public Task WriteAlertAsync(AlertMessage alert, CancellationToken cancellationToken)
    {
        _buffer.AddAlert(MeasurementPoints.Alert(alert).ToLineProtocol());
        return Task.CompletedTask;
    }

    public Task WriteAlarmCommandAsync(AlarmCommandAudit audit, CancellationToken cancellationToken)
    {
        _buffer.AddAlert(MeasurementPoints.AlarmCommand(audit).ToLineProtocol());
        return Task.CompletedTask;
    }

    public Task WriteReadingAsync(SensorReading reading, CancellationToken cancellationToken)
    {
        _buffer.AddPredictions(MeasurementPoints.Reading(reading).Select(point => point.ToLineProtocol()));
        return Task.CompletedTask;
    }

    public Task WriteForecastsAsync(IReadOnlyList<ForecastPoint> forecasts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        _buffer.AddPredictions(forecasts.Select(forecast => MeasurementPoints.Forecast(forecast).ToLineProtocol()));
        return Task.CompletedTask;
    }

    public Task WriteHealthAsync(HealthSnapshot health, CancellationToken cancellationToken)
    {
        _buffer.AddPredictions([MeasurementPoints.Health(health, _worker).ToLineProtocol()]);
        return Task.CompletedTask;
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
