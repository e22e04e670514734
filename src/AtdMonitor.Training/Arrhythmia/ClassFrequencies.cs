namespace AtdMonitor.Training.Arrhythmia;

/// <summary>Class counts of a label set and the inverse-square-root weights derived from them.</summary>
public static class ClassFrequencies
{
    public static long[] Count(ReadOnlySpan<int> labels, int classes)
    {
        var counts = new long[classes];
        foreach (var label in labels)
        {
            counts[label]++;
        }

        return counts;
    }

    /// <summary>
    /// w_c ∝ n_c^(−½), scaled to a mean of 1 over the classes that occur; 0 for a class with no samples.
    /// The square root keeps a class of a few beats (Q in DS1) from dominating the loss, as full inverse
    /// frequency would.
    /// </summary>
    public static float[] InverseSquareRootWeights(IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var raw = counts.Select(n => n == 0 ? 0.0 : 1.0 / Math.Sqrt(n)).ToArray();
        var present = raw.Count(w => w > 0);
        if (present == 0)
        {
            throw new ArgumentException("No class has any sample.", nameof(counts));
        }

        var mean = raw.Sum() / present;
        return raw.Select(w => (float)(w / mean)).ToArray();
    }
}
