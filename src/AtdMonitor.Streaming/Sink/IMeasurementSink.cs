using InfluxDB.Client.Writes;

namespace AtdMonitor.Streaming.Sink;

/// <summary>
/// Where the worker's results go (InfluxDB, or a line-protocol file). It never blocks on the store, and it owns its
/// failure policy: an outage is bridged in memory, alerts are never dropped (docs/RELIABILITY.md). Producers map their
/// results to points themselves, so the sink knows nothing of beats, alerts or forecasts.
/// </summary>
public interface IMeasurementSink : IAsyncDisposable
{
    /// <summary>Queues points for writing.</summary>
    void Write(IReadOnlyCollection<PointData> points, WritePriority priority);

    /// <summary>Completes when everything queued before the call has been written (or the token fires).</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
