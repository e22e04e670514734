namespace AtdMonitor.Streaming.Tests.Rhythm;

/// <summary>Changes what the classifier is taken to have called some beats of a synthetic or recorded stretch.</summary>
internal static class BeatLabels
{
    /// <summary>Calls beats <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), every
    /// <paramref name="every"/>th, <paramref name="className"/>; their positions stay.</summary>
    public static void Relabel(this List<(long Sample, string Class)> beats, string className, int from, int to, int every = 1)
    {
        for (var i = from; i < to; i += every)
        {
            beats[i] = (beats[i].Sample, className);
        }
    }
}
