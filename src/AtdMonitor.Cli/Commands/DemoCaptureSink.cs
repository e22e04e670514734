using System.Collections.Concurrent;
using System.Diagnostics;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Forecasting;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Inference;
using AtdMonitor.Streaming.Sink;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// An in-memory <see cref="IMeasurementSink"/> for the commands that run the worker in-process (demo, score, bench):
/// keeps every beat with the <see cref="Stopwatch"/> time it was written, every alert, and the latest health, and tells
/// listeners about each write as it happens.
/// </summary>
internal sealed class DemoCaptureSink : IMeasurementSink
{
    private readonly ConcurrentQueue<AlertMessage> _alerts = new();
    private readonly bool _keepBeats;
    private long _beats;
    private long _readings;
    private long _forecasts;

    /// <param name="keepBeats">False counts beats without keeping them (long benchmark runs).</param>
    public DemoCaptureSink(bool keepBeats = true)
    {
        _keepBeats = keepBeats;
    }

    /// <summary>Called on the worker's inference thread with each written batch and its write time; keep it short.</summary>
    public Action<IReadOnlyList<ClassifiedBeat>, long>? BeatsWritten { get; set; }

    /// <summary>Called with each alert event as the worker writes it.</summary>
    public Action<AlertMessage>? AlertWritten { get; set; }

    public ConcurrentQueue<ClassifiedBeat> Beats { get; } = new();

    public IReadOnlyCollection<AlertMessage> Alerts => _alerts;

    public long BeatCount => Interlocked.Read(ref _beats);

    public long ReadingCount => Interlocked.Read(ref _readings);

    public long ForecastCount => Interlocked.Read(ref _forecasts);

    public HealthSnapshot? LatestHealth { get; private set; }

    public void WriteBeats(IReadOnlyList<ClassifiedBeat> beats)
    {
        ArgumentNullException.ThrowIfNull(beats);
        var written = Stopwatch.GetTimestamp();
        Interlocked.Add(ref _beats, beats.Count);
        if (_keepBeats)
        {
            foreach (var beat in beats)
            {
                Beats.Enqueue(beat);
            }
        }

        BeatsWritten?.Invoke(beats, written);
    }

    public Task WriteAlertAsync(AlertMessage alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        _alerts.Enqueue(alert);
        AlertWritten?.Invoke(alert);
        return Task.CompletedTask;
    }

    public Task WriteAlarmCommandAsync(AlarmCommandAudit audit, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task WriteReadingAsync(SensorReading reading, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _readings);
        return Task.CompletedTask;
    }

    public Task WriteForecastsAsync(IReadOnlyList<ForecastPoint> forecasts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        Interlocked.Add(ref _forecasts, forecasts.Count);
        return Task.CompletedTask;
    }

    public Task WriteHealthAsync(HealthSnapshot health, CancellationToken cancellationToken)
    {
        LatestHealth = health;
        return Task.CompletedTask;
    }

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
