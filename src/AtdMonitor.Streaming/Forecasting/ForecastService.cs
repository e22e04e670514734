using AtdMonitor.Model.Inference;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Validation;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Sink;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Forecasting;

/// <summary>
/// Consumes <c>atd/v1/{sensor}/reading</c>: validates, admits each sensor's fixed variable set within the series cap
/// (<see cref="SensorVariableSets"/>), writes the readings, and (with <c>Forecasting:Checkpoint</c> set) keeps a rolling
/// window per sensor, forecasts, writes the forecasts and raises threshold alerts. Readings whose variables or
/// spacing do not match the forecaster's training data are dead-lettered with the difference.
/// </summary>
public sealed partial class ForecastService(
    IngestChannels ingest,
    WireValidator validator,
    DeadLetterOffice deadLetters,
    IMeasurementSink sink,
    AlertDispatcher alerts,
    IOptions<ForecastingOptions> forecasting,
    IOptions<InferenceOptions> inference,
    TimeProvider time,
    ILogger<ForecastService> logger) : BackgroundService, IHostedLifecycleService
{
    private readonly Dictionary<string, SensorForecastTracker> _sensors = new(StringComparer.Ordinal);
    private readonly ForecastThresholdMonitor _thresholds = new(forecasting.Value.Thresholds);
    private SeriesForecaster? _forecaster;
    private SensorVariableSets? _variableSets;

    /// <summary>Loads the model before any hosted service starts, so a missing checkpoint stops the start before the broker opens.</summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var options = forecasting.Value;
        if (options.Enabled)
        {
            if (!File.Exists(options.Checkpoint))
            {
                throw new WorkerStartException($"Forecasting:Checkpoint '{options.Checkpoint}' does not exist; train one (atd train) or leave Forecasting:Checkpoint empty to turn forecasting off.");
            }

            try
            {
                _forecaster = SeriesForecaster.Load(options.Checkpoint, inference.Value.Device);
            }
            catch (InvalidOperationException ex)
            {
                throw new WorkerStartException($"Inference:Device '{inference.Value.Device}': {ex.Message}", ex);
            }
            catch (InvalidDataException ex)
            {
                throw new WorkerStartException($"Forecasting:Checkpoint '{options.Checkpoint}': {ex.Message}", ex);
            }

            var variables = string.Join(",", _forecaster.Variables);
            var data = _forecaster.TrainingData?.Describe() ?? "unrecorded data";
            LogLoaded(options.Checkpoint, _forecaster.LookBack, _forecaster.Horizon, variables, data);
        }

        _variableSets = new SensorVariableSets(_forecaster?.Variables, options.MaxSeries);

        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in ingest.Readings.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await HandleAsync(message, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            while (ingest.Readings.Reader.TryRead(out var message))
            {
                await HandleAsync(message, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    public override void Dispose()
    {
        _forecaster?.Dispose();
        base.Dispose();
    }

    private async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        var outcome = validator.Validate(message.Topic, message.Payload);
        if (!outcome.IsValid)
        {
            deadLetters.Reject(message, outcome.Reason);
            return;
        }

        var reading = (SensorReading)outcome.Message;
        var refused = _variableSets!.Admit(reading);
        if (refused is not null)
        {
            deadLetters.Reject(message, refused);
            return;
        }

        try
        {
            await sink.WriteReadingAsync(reading, cancellationToken).ConfigureAwait(false);
            if (_forecaster is null)
            {
                return;
            }

            if (!_sensors.TryGetValue(reading.Sensor, out var tracker))
            {
                tracker = new SensorForecastTracker(reading.Sensor, _forecaster, forecasting.Value.Every);
                _sensors.Add(reading.Sensor, tracker);
            }

            var problem = tracker.Add(reading, out var forecast);
            if (problem is not null)
            {
                deadLetters.Reject(message, problem);
                return;
            }

            if (forecast.Count > 0)
            {
                await sink.WriteForecastsAsync(forecast, cancellationToken).ConfigureAwait(false);
                alerts.Post(_thresholds.Check(forecast, time.GetUtcNow()));
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InfluxDB.Client.Core.Exceptions.InfluxException)
        {
            LogSinkFailed(reading.Sensor, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forecaster {Checkpoint}: look-back {LookBack}, horizon {Horizon}, variables {Variables}, trained on {Data}")]
    private partial void LogLoaded(string checkpoint, int lookBack, int horizon, string variables, string data);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing readings or forecasts of sensor {Sensor} failed")]
    private partial void LogSinkFailed(string sensor, Exception exception);
}
