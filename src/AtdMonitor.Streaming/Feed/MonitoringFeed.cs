using System.Reactive.Subjects;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Beats;

namespace AtdMonitor.Streaming.Feed;

/// <summary>The worker's <see cref="IMonitoringFeed"/>: the pipeline publishes, observers subscribe. Thread-safe.</summary>
public sealed class MonitoringFeed : IMonitoringFeed, IDisposable
{
    private readonly ISubject<MonitoredWindow> _windows = Subject.Synchronize(new Subject<MonitoredWindow>());
    private readonly ISubject<ClassifiedBeat> _beats = Subject.Synchronize(new Subject<ClassifiedBeat>());
    private readonly ISubject<AlertMessage> _alerts = Subject.Synchronize(new Subject<AlertMessage>());
    private readonly ISubject<string> _evictions = Subject.Synchronize(new Subject<string>());

    public IObservable<MonitoredWindow> Windows => _windows;

    public IObservable<ClassifiedBeat> Beats => _beats;

    public IObservable<AlertMessage> Alerts => _alerts;

    public IObservable<string> Evictions => _evictions;

    public void Publish(MonitoredWindow window) => _windows.OnNext(window);

    public void Publish(ClassifiedBeat beat) => _beats.OnNext(beat);

    public void Publish(AlertMessage alert) => _alerts.OnNext(alert);

    public void PublishEviction(string bed) => _evictions.OnNext(bed);

    public void Dispose()
    {
        _windows.OnCompleted();
        _beats.OnCompleted();
        _alerts.OnCompleted();
        _evictions.OnCompleted();
    }
}
