using AtdMonitor.Model.Inference;
using AtdMonitor.Protocol.Messages;
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
    WireAdmission admission,
    DeadLetterOffice deadLetters,
    AcknowledgementLedger acknowledgements,
    IMeasurementSink sink,
    AlertPublisher alerts,
    IOptions<ForecastingOptions> forecasting,
    IOptions<InferenceOptions> inference,
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

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => ingest.Readings.Reader.ConsumeUntilStoppedAsync(Handle, stoppingToken);

    public override void Dispose()
    {
        _forecaster?.Dispose();
        base.Dispose();
    }

    private void Handle(ReceivedMessage message)
    {
        if (admission.Admit(message) is not SensorReading reading)
        {
            return;
        }

        if (_variableSets!.Admit(reading) is { } refused)
        {
            deadLetters.Reject(message, refused);
            return;
        }

        sink.Write(ForecastPoints.Reading(reading), WritePriority.Routine);
        if (_forecaster is not null)
        {
            if (!_sensors.TryGetValue(reading.Sensor, out var tracker))
            {
                tracker = new SensorForecastTracker(reading.Sensor, _forecaster, forecasting.Value.Every, forecasting.Value.CalendarUtcOffset);
                _sensors.Add(reading.Sensor, tracker);
            }

            if (tracker.Add(reading, out var forecast) is { } problem)
            {
                deadLetters.Reject(message, problem);
                return;
            }

            if (forecast.Count > 0)
            {
                sink.Write(forecast.Select(ForecastPoints.Forecast).ToList(), WritePriority.Routine);
                alerts.Publish(_thresholds.Check(forecast, reading.Time));
            }
        }

        acknowledgements.ReleaseAfterFlush(message.Receipt);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forecaster {Checkpoint}: look-back {LookBack}, horizon {Horizon}, variables {Variables}, trained on {Data}")]
    private partial void LogLoaded(string checkpoint, int lookBack, int horizon, string variables, string data);
}
