namespace AtdMonitor.Simulator.Faults;

/// <summary>How many messages got each fault.</summary>
public sealed class FaultCounters
{
    private long _dropped;
    private long _duplicated;
    private long _reordered;
    private long _corrupted;
    private long _delayedImages;

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Duplicated => Interlocked.Read(ref _duplicated);

    public long Reordered => Interlocked.Read(ref _reordered);

    public long Corrupted => Interlocked.Read(ref _corrupted);

    public long DelayedImages => Interlocked.Read(ref _delayedImages);

    public long Total => Dropped + Duplicated + Reordered + Corrupted + DelayedImages;

    public void Count(FaultKind kind)
    {
        switch (kind)
        {
            case FaultKind.Drop:
                Interlocked.Increment(ref _dropped);
                break;
            case FaultKind.Duplicate:
                Interlocked.Increment(ref _duplicated);
                break;
            case FaultKind.Reorder:
                Interlocked.Increment(ref _reordered);
                break;
            case FaultKind.Corrupt:
                Interlocked.Increment(ref _corrupted);
                break;
            case FaultKind.DelayImage:
                Interlocked.Increment(ref _delayedImages);
                break;
            case FaultKind.None:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown fault.");
        }
    }
}
