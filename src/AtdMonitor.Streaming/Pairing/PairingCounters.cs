namespace AtdMonitor.Streaming.Pairing;

/// <summary>What the pairing stage did, across beds; read by the health metrics. Thread-safe.</summary>
public sealed class PairingCounters
{
    private long _paired;
    private long _imageMissing;
    private long _orphanImages;
    private long _duplicates;
    private long _late;
    private long _gapWindows;
    private long _restarts;

    /// <summary>Windows emitted with their image.</summary>
    public long Paired => Interlocked.Read(ref _paired);

    /// <summary>ECG windows emitted alone after the pairing timeout.</summary>
    public long ImageMissing => Interlocked.Read(ref _imageMissing);

    /// <summary>Images dropped because their ECG window never came.</summary>
    public long OrphanImages => Interlocked.Read(ref _orphanImages);

    /// <summary>Second copies of an ECG window or image still waiting (QoS 1 redelivery).</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Messages for a sequence number already emitted or given up.</summary>
    public long Late => Interlocked.Read(ref _late);

    /// <summary>Sequence numbers skipped because their ECG window never came.</summary>
    public long GapWindows => Interlocked.Read(ref _gapWindows);

    /// <summary>Device restarts: a bed's numbering began again lower, with a later time (a new stream epoch).</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    internal void CountRestart() => Interlocked.Increment(ref _restarts);

    internal void CountPaired() => Interlocked.Increment(ref _paired);

    internal void CountImageMissing() => Interlocked.Increment(ref _imageMissing);

    internal void CountOrphanImage() => Interlocked.Increment(ref _orphanImages);

    internal void CountDuplicate() => Interlocked.Increment(ref _duplicates);

    internal void CountLate() => Interlocked.Increment(ref _late);

    internal void CountGap(long windows) => Interlocked.Add(ref _gapWindows, windows);
}
