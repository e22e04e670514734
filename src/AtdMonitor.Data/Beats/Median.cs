namespace AtdMonitor.Data.Beats;

/// <summary>The median of a scratch span, for the per-beat statistics of <see cref="BeatFeatureSequence"/>.</summary>
internal static class Median
{
    /// <summary>Sorts <paramref name="values"/> in place and returns their median (the mean of the two middle
    /// values for an even count); the sorted span stays usable, e.g. for its extremes.</summary>
    public static float SortAndTake(Span<float> values)
    {
        values.Sort();
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
