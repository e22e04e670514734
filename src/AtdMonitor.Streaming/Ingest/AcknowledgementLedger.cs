namespace AtdMonitor.Streaming.Ingest;

/// <summary>
/// Holds the broker receipts of messages until everything derived from them is safe, so a crash loses nothing the
/// broker handed over (it delivers the unacknowledged messages again, and the writes are idempotent).
/// <list type="bullet">
/// <item>A bed's window is released once <see cref="HoldBackWindows"/> later windows of the same bed were processed:
/// a worker restarted on the redelivered windows needs that many to warm its beat detector up again, and the beats
/// found meanwhile were already written before the crash.</item>
/// <item>A held window is released anyway after <see cref="HoldLimit"/> (a bed that went quiet).</item>
/// <item>Everything else (rejects, duplicates, readings) is released by the next flush of the store.</item>
/// </list>
/// Released receipts are acknowledged by <see cref="AcknowledgementService"/> after it has flushed the store. Thread-safe.
/// </summary>
public sealed class AcknowledgementLedger(int holdBackWindows, TimeSpan holdLimit, TimeProvider time)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<HeldWindow>> _beds = new(StringComparer.Ordinal);
    private List<IMessageReceipt> _released = [];
    private int _held;

    public int HoldBackWindows { get; } = holdBackWindows;

    public TimeSpan HoldLimit { get; } = holdLimit;

    /// <summary>Receipts waiting for later windows of their bed.</summary>
    public int Held
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    /// <summary>Receipts of a message whose results are in the store once what is queued now is flushed.</summary>
    public void ReleaseAfterFlush(IMessageReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        if (receipt is SettledReceipt)
        {
            return;
        }

        lock (_gate)
        {
            _released.Add(receipt);
        }
    }

    /// <summary>A bed's window whose beats and alerts have been handed to the store.</summary>
    public void Processed(string bed, IReadOnlyList<IMessageReceipt> receipts)
    {
        ArgumentNullException.ThrowIfNull(bed);
        ArgumentNullException.ThrowIfNull(receipts);
        lock (_gate)
        {
            if (!_beds.TryGetValue(bed, out var held))
            {
                held = new Queue<HeldWindow>();
                _beds.Add(bed, held);
            }

            held.Enqueue(new HeldWindow(time.GetUtcNow(), receipts));
            _held += receipts.Count;
            while (held.Count > HoldBackWindows)
            {
                Release(held.Dequeue());
            }
        }
    }

    /// <summary>
    /// The bed was evicted: its windows were all processed, so what it holds is released now rather than after the hold
    /// limit (a window still between the pipeline's stages is held anew and released by the limit).
    /// </summary>
    public void Retire(string bed)
    {
        ArgumentNullException.ThrowIfNull(bed);
        lock (_gate)
        {
            if (_beds.Remove(bed, out var held))
            {
                while (held.TryDequeue(out var window))
                {
                    Release(window);
                }
            }
        }
    }

    /// <summary>Takes every receipt that may be acknowledged once the store has been flushed.</summary>
    public IReadOnlyList<IMessageReceipt> TakeReleased(bool everything = false)
    {
        lock (_gate)
        {
            var cutoff = time.GetUtcNow() - HoldLimit;
            foreach (var (bed, held) in _beds.ToList())
            {
                while (held.TryPeek(out var oldest) && (everything || oldest.ProcessedAt <= cutoff))
                {
                    Release(held.Dequeue());
                }

                if (held.Count == 0)
                {
                    _beds.Remove(bed);
                }
            }

            var released = _released;
            _released = [];
            return released;
        }
    }

    private void Release(HeldWindow window)
    {
        _held -= window.Receipts.Count;
        foreach (var receipt in window.Receipts)
        {
            if (receipt is not SettledReceipt)
            {
                _released.Add(receipt);
            }
        }
    }

    private sealed record HeldWindow(DateTimeOffset ProcessedAt, IReadOnlyList<IMessageReceipt> Receipts);
}
