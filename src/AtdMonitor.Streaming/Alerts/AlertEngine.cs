using System.Collections.Concurrent;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Feed;
using AtdMonitor.Streaming.Health;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>
/// The alarms of the ward: one <see cref="BedAlertMonitor"/> per bed, fed from the monitoring feed (windows for signal
/// quality and silence, beats for the rhythm rules), released when the pipeline evicts the bed. A bed's silence timer
/// restarts with each of its windows and raises <c>bed_silent</c> when it runs out. An error in one bed's alarms resets
/// that bed's alarms, is counted and logged, and leaves the other beds alone. A bed evicted or reset has its conditions
/// ended in the <see cref="AlarmSystem"/> (<see cref="AlarmSystem.EndConditions"/>) under its lock, so no event of its
/// old monitor can follow; if it comes back, its new monitor knows whether <c>bed_silent</c> is still up, and clears
/// it. At shutdown the beds are only released: their alarms are not over.
/// </summary>
public sealed partial class AlertEngine(IOptions<AlertsOptions> options, AlertPublisher publisher, AlarmSystem alarmSystem, PipelineMetrics metrics, ILogger<AlertEngine> logger)
{
    private readonly ConcurrentDictionary<string, BedAlarms> _beds = new(StringComparer.Ordinal);
    private readonly AlertsOptions _options = options.Value;

    /// <summary>Beds with alarm state.</summary>
    public int Beds => _beds.Count;

    /// <summary>Subscribes to the feed; silence timers run on <paramref name="scheduler"/>.</summary>
    public IDisposable Watch(IMonitoringFeed feed, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(scheduler);
        return new CompositeDisposable(
            feed.Windows.Subscribe(window => Guard(window.Bed, () => OnWindow(window, scheduler))),
            feed.Beats.Subscribe(beat => Guard(beat.Bed, () => OnBeat(beat))),
            feed.Evictions.Subscribe(bed => Release(bed, "bed no longer monitored (evicted)", evictedAt: scheduler.Now)),
            Disposable.Create(() =>
            {
                foreach (var bed in _beds.Keys)
                {
                    Release(bed, endingConditions: null);
                }
            }));
    }

    private void OnBeat(ClassifiedBeat beat) => UnderLock(beat.Bed, alarms => publisher.Publish(alarms.Monitor.OnBeat(beat)));

    private void OnWindow(MonitoredWindow window, IScheduler scheduler)
    {
        var end = window.FirstSampleTime + TimeSpan.FromSeconds(window.Lead0Millivolts.Length / (double)window.SampleRate);
        UnderLock(window.Bed, alarms =>
        {
            publisher.Publish(alarms.Monitor.OnWindow(window));
            alarms.LastWindowEnd = end;
            alarms.LastWindowAt = scheduler.Now;
            if (_options.BedSilent.Enabled)
            {
                var after = _options.BedSilent.After;
                alarms.Silence.Disposable = scheduler.Schedule(after, () => Guard(window.Bed, () =>
                {
                    lock (alarms.Gate)
                    {
                        if (!alarms.Released)
                        {
                            publisher.Publish(alarms.Monitor.OnSilent(end, after));
                        }
                    }
                }));
            }
        });
    }

    /// <summary>Runs <paramref name="action"/> on the bed's alarms under their lock; an entry released meanwhile (evicted
    /// or reset) is passed over for the bed's next one.</summary>
    private void UnderLock(string bed, Action<BedAlarms> action)
    {
        while (true)
        {
            var alarms = Alarms(bed);
            lock (alarms.Gate)
            {
                if (!alarms.Released)
                {
                    action(alarms);
                    return;
                }
            }
        }
    }

    private BedAlarms Alarms(string bed) =>
        _beds.GetOrAdd(bed, id => new BedAlarms(new BedAlertMonitor(id, _options, silent: alarmSystem.IsActive(id, AlertTypes.BedSilent))));

    /// <summary>Forgets the bed's monitor; with <paramref name="endingConditions"/>, also ends its conditions in the alarm
    /// system, under the bed's lock, so that nothing its old monitor decides can come after. A bed evicted for being idle
    /// (<paramref name="evictedAt"/>) is silent: if its silence timer has not raised <c>bed_silent</c> yet
    /// (<c>Alerts:BedSilent:After</c> longer than <c>Pipeline:EvictIdleBedsAfter</c>), the eviction raises it, so a bed
    /// that stops sending never just disappears.</summary>
    private void Release(string bed, string? endingConditions, DateTimeOffset? evictedAt = null)
    {
        if (!_beds.TryRemove(bed, out var alarms))
        {
            // No monitor (its alarms were raised before it, or it was already reset): the alarm system may still hold some.
            if (endingConditions is not null)
            {
                alarmSystem.EndConditions(bed, alarmSystem.Now, endingConditions);
            }

            return;
        }

        lock (alarms.Gate)
        {
            alarms.Released = true;
            alarms.Silence.Dispose();
            if (evictedAt is { } now && _options.BedSilent.Enabled && alarms.LastWindowEnd is { } lastWindowEnd && alarms.LastWindowAt is { } lastWindowAt)
            {
                publisher.Publish(alarms.Monitor.OnSilent(lastWindowEnd, now - lastWindowAt));
            }

            if (endingConditions is not null)
            {
                alarmSystem.EndConditions(bed, alarms.LastWindowEnd ?? alarmSystem.Now, endingConditions);
            }
        }
    }

    private void Guard(string bed, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            metrics.CountBedFault();
            LogAlarmFault(bed, ex);
            Release(bed, "bed's alarms reset after a fault");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alarms of bed {Bed} failed and were reset")]
    private partial void LogAlarmFault(string bed, Exception exception);

    private sealed record BedAlarms(BedAlertMonitor Monitor)
    {
        /// <summary>
        /// Held from a bed's decision to the publication of its events: the silence timer's thread and the inference
        /// thread decide for the same bed, and a <c>bed_silent</c> raise decided first but tracked after the clear that
        /// followed it would stay on the board.
        /// </summary>
        public object Gate { get; } = new();

        public SerialDisposable Silence { get; } = new();

        /// <summary>Set, under <see cref="Gate"/>, when the bed is released: a caller that took this entry before must take the bed's next one.</summary>
        public bool Released { get; set; }

        /// <summary>The end of the bed's newest window, in the data's time: when a released bed's conditions end.</summary>
        public DateTimeOffset? LastWindowEnd { get; set; }

        /// <summary>When the bed's newest window arrived, on the silence timers' clock: how long an evicted bed was silent.</summary>
        public DateTimeOffset? LastWindowAt { get; set; }
    }
}
