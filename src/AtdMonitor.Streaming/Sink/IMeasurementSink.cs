using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Forecasting;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Inference;

namespace AtdMonitor.Streaming.Sink;

/// <summary>
/// Where the worker's results go (InfluxDB, or a line-protocol file). Beats are many and are written in the background
/// in batches; alerts, forecasts and health are few and are awaited so a failure is seen where it happens.
/// </summary>
public interface IMeasurementSink : IAsyncDisposable
{
    /// <summary>Queues predictions for a batched write; does not block on the store.</summary>
    void WriteBeats(IReadOnlyList<ClassifiedBeat> beats);

    Task WriteAlertAsync(AlertMessage alert, CancellationToken cancellationToken);

    /// <summary>Writes the audit of one alarm command (measurement <c>alarm_command</c>); like alerts, never dropped.</summary>
    Task WriteAlarmCommandAsync(AlarmCommandAudit audit, CancellationToken cancellationToken);

    Task WriteReadingAsync(SensorReading reading, CancellationToken cancellationToken);

    Task WriteForecastsAsync(IReadOnlyList<ForecastPoint> forecasts, CancellationToken cancellationToken);

    Task WriteHealthAsync(HealthSnapshot health, CancellationToken cancellationToken);

    /// <summary>Writes out everything queued.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
