using AtdMonitor.Data.Wfdb;

namespace AtdMonitor.Simulator.Scoring;

/// <summary>
/// What the annotations say about one moment of a record: the rhythm in force (the last rhythm annotation before it,
/// "(AFL" read as "AFL") and whether lead 0 is marked noisy or unreadable there (the last '~' annotation before it).
/// Listed beside each false alarm, so a reader sees whether it fell in flutter, in noise or in sinus rhythm.
/// </summary>
public static class ReferenceContext
{
    /// <summary>The annotation code of a signal-quality change ('~').</summary>
    public const int NoiseCode = 14;

    // The subtype of '~': bits 0–3 mark a noisy signal, bits 4–7 an unreadable one (bit 0 and bit 4: lead 0); −1 all.
    private const int Lead0Noisy = 0x01;
    private const int Lead0Unreadable = 0x10;

    /// <summary>The rhythm at <paramref name="sample"/> ("?" before the first rhythm annotation), with ", lead 0 noisy" when so marked.</summary>
    public static string Describe(IReadOnlyList<WfdbAnnotation> annotations, long sample)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        string? rhythm = null;
        var noisy = false;
        foreach (var a in annotations.TakeWhile(a => a.Sample <= sample))
        {
            if (a.Code == ReferenceEpisodes.RhythmCode && a.Aux is { } aux)
            {
                rhythm = aux.TrimEnd('\0', ' ').TrimStart('(');
            }
            else if (a.Code == NoiseCode)
            {
                noisy = a.SubType == -1 || (a.SubType & (Lead0Noisy | Lead0Unreadable)) != 0;
            }
        }

        return (rhythm ?? "?") + (noisy ? ", lead 0 noisy" : string.Empty);
    }
}
