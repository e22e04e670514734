namespace AtdMonitor.Simulator.Scoring;

/// <summary>A stretch of one bed's stream, in samples, inclusive at both ends.</summary>
public readonly record struct Episode(long Start, long End)
{
    /// <summary>True when the two stretches overlap once this one is widened by <paramref name="before"/> and <paramref name="after"/> samples.</summary>
    public bool Overlaps(Episode other, long before, long after) => Start - before <= other.End && End + after >= other.Start;
}
