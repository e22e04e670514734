using AtdMonitor.Streaming.Beats;

namespace AtdMonitor.Station.Ward;

/// <summary>The AAMI classes the station counts, in display order; anything else counts as unclassifiable.</summary>
internal static class BeatClasses
{
    public static readonly string[] Names = ["N", "S", "V", "F", ClassifiedBeat.UnclassifiableClass];

    public static int IndexOf(string name)
    {
        var index = Array.IndexOf(Names, name);
        return index < 0 ? Names.Length - 1 : index;
    }

    public static Dictionary<string, int> ToDictionary(ReadOnlySpan<int> counts)
    {
        var result = new Dictionary<string, int>(Names.Length, StringComparer.Ordinal);
        for (var i = 0; i < Names.Length; i++)
        {
            result[Names[i]] = counts[i];
        }

        return result;
    }
}
