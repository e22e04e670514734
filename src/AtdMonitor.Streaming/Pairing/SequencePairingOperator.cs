using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using AtdMonitor.Protocol.Messages;

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
/// than the reorder window of windows wait behind it; then it is skipped (a gap, which downstream sees as a jump).</item>
/// </list>
/// Timers run on the given scheduler, so virtual-time schedulers make the behaviour testable.
/// </summary>
internal sealed class SequencePairingOperator
{
    private readonly object _gate = new();
    private readonly SortedDictionary<long, Slot> _slots = [];
    private readonly IObserver<PairedWindow> _observer;
    private readonly PairingSettings _settings;
    private readonly IScheduler _scheduler;
    private readonly PairingCounters _counters;
    private long? _next;
    private bool _stopped;

    private SequencePairingOperator(IObserver<PairedWindow> observer, PairingSettings settings, IScheduler scheduler, PairingCounters counters)
    {
        _observer = observer;
        _settings = settings;
        _scheduler = scheduler;
        _counters = counters;
    }

    public static IDisposable Subscribe(IObservable<WireMessage> source, IObserver<PairedWindow> observer, PairingSettings settings, IScheduler scheduler, PairingCounters counters)
    {
        var pairing = new SequencePairingOperator(observer, settings, scheduler, counters);
        var subscription = source.Subscribe(pairing.OnMessage, pairing.OnError, pairing.OnCompleted);
        return new CompositeDisposable(subscription, Disposable.Create(pairing.Stop));
    }

    private void OnMessage(WireMessage message)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            var (sequence, isEcg) = message switch
            {
                EcgWindow ecg => (ecg.Sequence, true),
                SpectrogramWindow image => (image.Sequence, false),
                _ => throw new ArgumentException($"Pairing takes ECG windows and spectrograms, not {message.GetType().Name}.", nameof(message)),
            };
            if (sequence < _next)
            {
                _counters.CountLate();
                return;
            }

            if (!_slots.TryGetValue(sequence, out var slot))
            {
                slot = new Slot(_scheduler.Now);
                _slots.Add(sequence, slot);
                slot.Timer = _scheduler.Schedule(sequence, _settings.Timeout, OnTimeout);
            }

            if (isEcg ? slot.Ecg is not null : slot.Image is not null)
            {
                _counters.CountDuplicate();
                return;
            }

            if (isEcg)
            {
                slot.Ecg = (EcgWindow)message;
            }
            else
            {
                slot.Image = (SpectrogramWindow)message;
            }

            Drain(force: false);
        }
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

            foreach (var (sequence, slot) in _slots.ToList())
            {
                if (slot.Ecg is null)
                {
                    _slots.Remove(sequence);
                    _counters.CountOrphanImage();
                }
                else
                {
                    slot.ImageGivenUp = true;
                }
            }

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

            _observer.OnNext(new PairedWindow(slot.Ecg, slot.Image));
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
    }
}
