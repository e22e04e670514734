using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Ingest;

namespace AtdMonitor.Streaming.Pairing;

/// <summary>
/// The custom Rx operator behind <see cref="PairingObservableExtensions.PairBySequence"/>, for the messages of ONE bed.
/// Emits <see cref="PairedWindow"/>s in strictly increasing sequence order:
/// <list type="bullet">
/// <item>an ECG window and its image (same sequence number) are paired whatever their arrival order;</item>
/// <item>an ECG window whose image has not come within the timeout is emitted alone (image missing);</item>
/// <item>an image whose ECG window has not come within the timeout is dropped (orphan);</item>
/// <item>second copies of a waiting half are dropped (duplicates); anything for a sequence number already emitted or
/// skipped is dropped (late);</item>
/// <item>a missing sequence number is waited for until the oldest waiting window is older than the timeout or more
/// than the reorder window of windows wait behind it; then it is skipped (a gap: the next window says it follows one);</item>
/// <item>an ECG window or image numbered below the next expected one but timed after the newest emitted window, or numbered
/// more than <see cref="RestartDistance"/> below it, is a device restart: what waits is emitted, and a new epoch
/// begins at that window (docs/PROTOCOL.md, sequence policy). The distance rule also ends the hold of one hostile
/// window numbered far ahead and timed in the future.</item>
/// </list>
/// The receipts of dropped messages go to <see cref="PairingSettings.Discarded"/>; those of emitted ones ride along.
/// Timers run on the given scheduler, so virtual-time schedulers make the behaviour testable.
/// </summary>
internal sealed class SequencePairingOperator
{
    /// <summary>
    /// Windows behind the expected one that only a restart explains: the broker redelivers at most the windows not yet
    /// acknowledged (the detector warm-up plus what is in flight), and reordering stays within the reorder window. The
    /// time rule alone misses a replay restarted faster than real time, whose first run's clock ran ahead.
    /// </summary>
    public const long RestartDistance = 64;

    private readonly object _gate = new();
    private readonly SortedDictionary<long, Slot> _slots = [];
    private readonly IObserver<PairedWindow> _observer;
    private readonly PairingSettings _settings;
    private readonly IScheduler _scheduler;
    private readonly PairingCounters _counters;
    private long? _next;
    private DateTimeOffset _newestEnd = DateTimeOffset.MinValue;
    private int _epoch;
    private bool _followsGap = true;
    private bool _stopped;

    private SequencePairingOperator(IObserver<PairedWindow> observer, PairingSettings settings, IScheduler scheduler, PairingCounters counters)
    {
        _observer = observer;
        _settings = settings;
        _scheduler = scheduler;
        _counters = counters;
    }

    public static IDisposable Subscribe(IObservable<AdmittedMessage> source, IObserver<PairedWindow> observer, PairingSettings settings, IScheduler scheduler, PairingCounters counters)
    {
        var pairing = new SequencePairingOperator(observer, settings, scheduler, counters);
        var subscription = source.Subscribe(pairing.OnMessage, pairing.OnError, pairing.OnCompleted);
        return new CompositeDisposable(subscription, Disposable.Create(pairing.Stop));
    }

    private void OnMessage(AdmittedMessage admitted)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            var (sequence, firstSampleTime, ecgWindow) = admitted.Message switch
            {
                EcgWindow ecg => (ecg.Sequence, ecg.FirstSampleTime, ecg),
                SpectrogramWindow image => (image.Sequence, image.FirstSampleTime, (EcgWindow?)null),
                _ => throw new ArgumentException($"Pairing takes ECG windows and spectrograms, not {admitted.Message.GetType().Name}.", nameof(admitted)),
            };
            // Either half of a window can tell of a restart: the image of the new window 0 may come before its ECG.
            if (_next is { } next && sequence < next && (firstSampleTime > _newestEnd || sequence + RestartDistance < next))
            {
                Restart();
            }

            if (sequence < _next)
            {
                _counters.CountLate();
                _settings.Discarded(admitted.Receipt);
                return;
            }

            if (!_slots.TryGetValue(sequence, out var slot))
            {
                slot = new Slot(_scheduler.Now);
                _slots.Add(sequence, slot);
                slot.Timer = _scheduler.Schedule(sequence, _settings.Timeout, OnTimeout);
            }

            if (ecgWindow is not null ? slot.Ecg is not null : slot.Image is not null)
            {
                _counters.CountDuplicate();
                _settings.Discarded(admitted.Receipt);
                return;
            }

            if (ecgWindow is not null)
            {
                slot.Ecg = ecgWindow;
            }
            else
            {
                slot.Image = (SpectrogramWindow)admitted.Message;
            }

            slot.Receipts.Add(admitted.Receipt);
            Drain(force: false);
        }
    }

    /// <summary>The device numbers from the start again: emit what waits from the old numbering, then begin a new epoch.</summary>
    private void Restart()
    {
        GiveUpMissingImages();
        Drain(force: true);
        _counters.CountRestart();
        _epoch++;
        _next = null;
        _followsGap = true;
    }

    private IDisposable OnTimeout(IScheduler scheduler, long sequence)
    {
        lock (_gate)
        {
            if (!_stopped && _slots.TryGetValue(sequence, out var slot))
            {
                if (slot.Ecg is null)
                {
                    _slots.Remove(sequence);
                    _counters.CountOrphanImage();
                    DiscardReceipts(slot);
                }
                else
                {
                    slot.ImageGivenUp = true;
                }

                Drain(force: false);
            }
        }

        return Disposable.Empty;
    }

    private void OnError(Exception error)
    {
        lock (_gate)
        {
            if (!_stopped)
            {
                Stop();
                _observer.OnError(error);
            }
        }
    }

    private void OnCompleted()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            GiveUpMissingImages();
            Drain(force: true);
            Stop();
            _observer.OnCompleted();
        }
    }

    private void Drain(bool force)
    {
        while (_slots.Count > 0)
        {
            var (sequence, slot) = _slots.First();
            if (_next is { } next && sequence > next)
            {
                if (!force && !ShouldSkipGap())
                {
                    return;
                }

                _counters.CountGap(sequence - next);
                _next = sequence;
                _followsGap = true;
            }

            if (slot.Ecg is null || (slot.Image is null && !slot.ImageGivenUp))
            {
                return;
            }

            _slots.Remove(sequence);
            slot.Timer?.Dispose();
            _next = sequence + 1;
            if (slot.Image is null)
            {
                _counters.CountImageMissing();
            }
            else
            {
                _counters.CountPaired();
            }

            var ecg = slot.Ecg;
            _newestEnd = ecg.FirstSampleTime + TimeSpan.FromSeconds(ecg.SamplesPerLead / (double)ecg.SampleRate);
            var followsGap = _followsGap;
            _followsGap = false;
            _observer.OnNext(new PairedWindow(ecg, slot.Image, _epoch, followsGap, slot.Receipts));
        }
    }

    /// <summary>Images still waiting are given up; images whose window never came are dropped as orphans.</summary>
    private void GiveUpMissingImages()
    {
        foreach (var (sequence, slot) in _slots.ToList())
        {
            if (slot.Ecg is null)
            {
                _slots.Remove(sequence);
                slot.Timer?.Dispose();
                _counters.CountOrphanImage();
                DiscardReceipts(slot);
            }
            else
            {
                slot.ImageGivenUp = true;
            }
        }
    }

    private void DiscardReceipts(Slot slot)
    {
        foreach (var receipt in slot.Receipts)
        {
            _settings.Discarded(receipt);
        }
    }

    /// <summary>A missing sequence number is given up when too many windows wait behind it or the oldest has waited the timeout.</summary>
    private bool ShouldSkipGap()
    {
        if (_slots.Count > _settings.ReorderWindow)
        {
            return true;
        }

        var now = _scheduler.Now;
        return _slots.Values.Any(slot => now - slot.FirstArrival >= _settings.Timeout);
    }

    private void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            foreach (var slot in _slots.Values)
            {
                slot.Timer?.Dispose();
            }

            _slots.Clear();
        }
    }

    private sealed class Slot(DateTimeOffset firstArrival)
    {
        public DateTimeOffset FirstArrival { get; } = firstArrival;

        public EcgWindow? Ecg { get; set; }

        public SpectrogramWindow? Image { get; set; }

        public bool ImageGivenUp { get; set; }

        public IDisposable? Timer { get; set; }

        public List<IMessageReceipt> Receipts { get; } = new(2);
    }
}
