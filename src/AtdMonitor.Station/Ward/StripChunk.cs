namespace AtdMonitor.Station.Ward;

/// <summary>New strip samples and beat marks of one bed since a client's cursor.</summary>
/// <param name="Bed">Bed id.</param>
/// <param name="Rate">Samples per second of the strip (lead 0 decimated for display).</param>
/// <param name="Start">Strip index of the first of <paramref name="Samples"/>.</param>
/// <param name="Samples">Lead 0 in microvolts; <see cref="EcgStrip.NoSignal"/> where no window came.</param>
/// <param name="Marks">Beats classified since the cursor.</param>
public sealed record StripChunk(string Bed, double Rate, long Start, short[] Samples, IReadOnlyList<BeatMark> Marks);
