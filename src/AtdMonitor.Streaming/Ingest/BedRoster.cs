using System.Collections.Concurrent;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>
/// The beds that hold state in the pipeline, capped at <c>Pipeline:MaxBeds</c>: admission refuses a new bed beyond the
/// cap, the pipeline enrols a bed with its first window and lets it go when it is evicted. Thread-safe.
/// </summary>
public sealed class BedRoster(int maxBeds)
{
    private readonly ConcurrentDictionary<string, byte> _beds = new(StringComparer.Ordinal);

    public int MaxBeds { get; } = maxBeds;

    public int Count => _beds.Count;

    /// <summary>True when <paramref name="bed"/> holds state already or there is room for it.</summary>
    public bool HasRoomFor(string bed) => _beds.ContainsKey(bed) || _beds.Count < MaxBeds;

    public void Enrol(string bed) => _beds.TryAdd(bed, 0);

    public void Release(string bed) => _beds.TryRemove(bed, out _);
}
