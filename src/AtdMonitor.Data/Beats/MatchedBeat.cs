namespace AtdMonitor.Data.Beats;

/// <summary>A reference beat and the detected beat matched to it (indices into the two lists).</summary>
public readonly record struct MatchedBeat(int Reference, int Detected);
