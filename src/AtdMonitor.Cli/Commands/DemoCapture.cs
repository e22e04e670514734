using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reactive.Disposables;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Feed;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// What the commands that run the worker in-process (demo, score, bench) watch: every beat with the
/// <see cref="Stopwatch"/> time the worker published it, and every alert event, taken from the worker's monitoring feed
/// as the central station or any other observer would.
/// </summary>
internal sealed class DemoCapture
{
    private readonly ConcurrentQueue<AlertMessage> _alerts = new();
    private readonly bool _keepBeats;
    private long _beats;

    /// <param name="keepBeats">False counts beats without keeping them (long benchmark runs).</param>
    public DemoCapture(bool keepBeats = true)
    {
        _keepBeats = keepBeats;
    }

    /// <summary>Called on the worker's inference thread with each beat and its publication time; keep it short.</summary>
    public Action<ClassifiedBeat, long>? BeatPublished { get; set; }

    /// <summary>Called with each alert event as the worker publishes it.</summary>
    public Action<AlertMessage>? AlertPublished { get; set; }

    public ConcurrentQueue<ClassifiedBeat> Beats { get; } = new();

    public IReadOnlyCollection<AlertMessage> Alerts => _alerts;

    public long BeatCount => Interlocked.Read(ref _beats);

    /// <summary>Starts watching <paramref name="feed"/>.</summary>
    public IDisposable Watch(IMonitoringFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        return new CompositeDisposable(feed.Beats.Subscribe(OnBeat), feed.Alerts.Subscribe(OnAlert));
    }

    private void OnBeat(ClassifiedBeat beat)
    {
        var published = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _beats);
        if (_keepBeats)
        {
            Beats.Enqueue(beat);
        }

        BeatPublished?.Invoke(beat, published);
    }

    private void OnAlert(AlertMessage alert)
    {
        _alerts.Enqueue(alert);
        AlertPublished?.Invoke(alert);
    }
}
