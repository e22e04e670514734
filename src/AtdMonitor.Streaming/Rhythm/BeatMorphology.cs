using AtdMonitor.Streaming.Beats;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>Shape comparisons of beats from the signal: the QRS segment around an R-peak and the correlation of two segments.</summary>
public static class BeatMorphology
{
    /// <summary>QRS segment: 100 ms before to 150 ms after the R-peak (a wide ventricular complex fits).</summary>
    public static readonly TimeSpan QrsBefore = TimeSpan.FromMilliseconds(100);

    public const int QrsLength = 90;

    /// <summary>The QRS segment of <paramref name="beat"/>, or null when the signal around it is no longer (or not) held.</summary>
    public static float[]? Qrs(SignalHistory signal, ClassifiedBeat beat)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(beat);
        var segment = new float[QrsLength];
        return signal.TryRead(beat.Time - QrsBefore, segment) ? segment : null;
    }

    /// <summary>Pearson correlation of two equally long segments; 0 when either is flat.</summary>
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

        return aa <= 1e-12 || bb <= 1e-12 ? 0 : ab / Math.Sqrt(aa * bb);
    }

    /// <summary>The sample-wise mean of segments of equal length, or null when there are none.</summary>
    public static float[]? Mean(IReadOnlyList<float[]> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Count == 0)
        {
            return null;
        }

        var mean = new float[segments[0].Length];
        foreach (var segment in segments)
        {
            for (var i = 0; i < mean.Length; i++)
            {
                mean[i] += segment[i] / segments.Count;
            }
        }

        return mean;
    }
}
