using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Forecasting;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Inference;
using InfluxDB.Client;
using InfluxDB.Client.Writes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Sink;

/// <summary>
/// Writes to an InfluxDB v2 write API (or anything that speaks it). Predictions go through the client's batching
/// <see cref="WriteApi"/> (background flushes; failures are logged from its event handler); alerts, forecasts and
/// health go through <see cref="WriteApiAsync"/> and are awaited.
/// </summary>
public sealed partial class InfluxMeasurementSink : IMeasurementSink
{
    private readonly InfluxDBClient _client;
    private readonly WriteApi _batched;
    private readonly WriteApiAsync _awaited;
    private readonly InfluxOptions _options;
    private readonly string _worker;
    private readonly ILogger<InfluxMeasurementSink> _logger;

    public InfluxMeasurementSink(IOptions<InfluxOptions> influx, IOptions<MqttOptions> mqtt, ILogger<InfluxMeasurementSink> logger)
    {
        ArgumentNullException.ThrowIfNull(influx);
        ArgumentNullException.ThrowIfNull(mqtt);
        _options = influx.Value;
        _worker = mqtt.Value.ClientId;
        _logger = logger;
        _client = new InfluxDBClient(new InfluxDBClientOptions(_options.Url)
        {
            Token = _options.Token,
            Org = _options.Organization,
            Bucket = _options.Bucket,
        });
        _batched = _client.GetWriteApi(new WriteOptions { BatchSize = 5000, FlushInterval = 1000 });
        _batched.EventHandler += OnWriteEvent;
        _awaited = _client.GetWriteApiAsync();
        LogWritingTo(_options.Url, _options.Bucket);
    }

    public void WriteBeats(IReadOnlyList<ClassifiedBeat> beats)
    {
        ArgumentNullException.ThrowIfNull(beats);
        _batched.WritePoints(beats.Select(MeasurementPoints.Beat).ToList(), _options.Bucket, _options.Organization);
    }

    public Task WriteAlertAsync(AlertMessage alert, CancellationToken cancellationToken) =>
        _awaited.WritePointAsync(MeasurementPoints.Alert(alert), _options.Bucket, _options.Organization, cancellationToken);

    public Task WriteReadingAsync(SensorReading reading, CancellationToken cancellationToken) =>
        _awaited.WritePointsAsync(MeasurementPoints.Reading(reading).ToList(), _options.Bucket, _options.Organization, cancellationToken);

    public Task WriteForecastsAsync(IReadOnlyList<ForecastPoint> forecasts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        return _awaited.WritePointsAsync(forecasts.Select(MeasurementPoints.Forecast).ToList(), _options.Bucket, _options.Organization, cancellationToken);
    }

    public Task WriteHealthAsync(HealthSnapshot health, CancellationToken cancellationToken) =>
        _awaited.WritePointAsync(MeasurementPoints.Health(health, _worker), _options.Bucket, _options.Organization, cancellationToken);

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        _batched.Flush();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        // Disposing the WriteApi writes out what it still holds before the client closes.
        _batched.EventHandler -= OnWriteEvent;
        _batched.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private void OnWriteEvent(object? sender, EventArgs e)
    {
        switch (e)
        {
            case WriteErrorEvent error:
                LogWriteFailed(error.Exception);
                break;
            case WriteRetriableErrorEvent retry:
                LogWriteRetry(retry.RetryInterval, retry.Exception);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Writing to InfluxDB at {Url}, bucket {Bucket}")]
    private partial void LogWritingTo(string url, string bucket);

    [LoggerMessage(Level = LogLevel.Error, Message = "InfluxDB batch write failed; the batch is lost")]
    private partial void LogWriteFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB batch write failed; retrying in {RetryMs} ms")]
    private partial void LogWriteRetry(long retryMs, Exception exception);
}
