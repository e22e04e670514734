namespace AtdMonitor.Data.Beats;

/// <summary>The Pearson correlation of two segments, as the beat features and the rhythm rules compare shapes.</summary>
public static class Pearson
{
    /// <summary>The correlation of two equally long segments; 0 when either is flat (no shape to compare).</summary>
    public static double Correlation(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length < 2)
        {
            throw new ArgumentException("Segments must be of equal length, at least 2.", nameof(b));
        }

        double meanA = 0, meanB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            meanA += a[i];
            meanB += b[i];
        }

        meanA /= a.Length;
        meanB /= b.Length;
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var x = a[i] - meanA;
            var y = b[i] - meanB;
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }

        return aa > 1e-12 && bb > 1e-12 ? ab / Math.Sqrt(aa * bb) : 0;
    }
}
