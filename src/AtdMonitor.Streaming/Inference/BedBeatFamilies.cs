using System.Collections.Concurrent;
using AtdMonitor.Data.Beats;

namespace AtdMonitor.Streaming.Inference;

/// <summary>
/// The <see cref="BeatFamilies"/> of every bed, from its first classified beat until the pipeline evicts the bed. Read
/// on the inference thread; released from the thread that evicts. A beat of the bed still on its way to the model when
/// the bed is evicted starts its families afresh (after two idle minutes, rarely).
/// </summary>
public sealed class BedBeatFamilies
{
    private readonly ConcurrentDictionary<string, BeatFamilies> _beds = new(StringComparer.Ordinal);

    /// <summary>Beds with families.</summary>
    public int Beds => _beds.Count;

    /// <summary>The bed's families, made at its first beat.</summary>
    public BeatFamilies For(string bed) => _beds.GetOrAdd(bed, _ => new BeatFamilies());

    /// <summary>Forgets the bed's families (it was evicted: the next patient on that bed id starts afresh).</summary>
    public void Release(string bed) => _beds.TryRemove(bed, out _);
}
