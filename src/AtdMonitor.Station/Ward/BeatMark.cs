namespace AtdMonitor.Station.Ward;

/// <summary>A beat on a strip: its sample index on the strip's clock and its class (N, S, V, F, Q).</summary>
public readonly record struct BeatMark(long Index, string Class);
