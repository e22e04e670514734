using System.Collections.Concurrent;
using AtdMonitor.Data.Beats;

namespace AtdMonitor.Streaming.Inference;

/// <summary>
/// The <see cref="BeatFamilies"/> of every bed, from its first classified beat until the pipeline evicts the bed. Read
/// on the inference thread; released from the thread that evicts.
/// </summary>
public sealed class BedBeatFamilies
{
    private readonly ConcurrentDictionary<string, BeatFamilies> _beds = new(StringComparer.Ordinal);

    /// <summary>Beds with families.</summary>
    public int Beds => _beds.Count;

    public BeatFamilies For(string bed) => _beds.GetOrAdd(bed, _ => new BeatFamilies());

    public void Release(string bed) => _beds.TryRemove(bed, out _);
}
