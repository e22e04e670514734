using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Beats;

namespace AtdMonitor.Streaming.Feed;

/// <summary>
/// What the beat pipeline publishes, for everything that watches the ward (the store writer, the alarms, the recorder,
/// the central station). Each sequence is hot and never ends in error; an observer runs on the pipeline's threads and
/// must hand its work off without blocking (a slow observer slows every bed).
/// </summary>
public interface IMonitoringFeed
{
    /// <summary>Every admitted ECG window, in sequence order per bed.</summary>
    IObservable<MonitoredWindow> Windows { get; }

    /// <summary>Every classified beat, in time order per bed.</summary>
    IObservable<ClassifiedBeat> Beats { get; }

    /// <summary>Every alert event (raise, clear and the states that follow them).</summary>
    IObservable<AlertMessage> Alerts { get; }

    /// <summary>The id of each bed whose state the pipeline released after it went idle (<c>Pipeline:EvictIdleBedsAfter</c>).</summary>
    IObservable<string> Evictions { get; }
}
