using AtdMonitor.Data.Beats;
using AtdMonitor.Streaming.Beats;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>Shapes of beats from the signal: the QRS segment around an R-peak and the mean of segments (compared with <see cref="Pearson"/>).</summary>
public static class BeatMorphology
{
    /// <summary>QRS segment: 100 ms before to 150 ms after the R-peak (a wide ventricular complex fits).</summary>
    public static readonly TimeSpan QrsBefore = TimeSpan.FromMilliseconds(100);

    public const int QrsLength = 90;

    /// <summary>
    /// The largest shift, either way, at which <see cref="AlignedCorrelation"/> compares two QRS segments (30 ms): the
    /// stream's detector puts an R-peak 10 ms from the annotated one on average, so two beats of one shape can sit a few
    /// samples apart in their segments.
    /// </summary>
    public const int MaximumLagSamples = 11;

    /// <summary>The QRS segment of <paramref name="beat"/>, or null when the signal around it is no longer (or not) held.</summary>
    public static float[]? Qrs(SignalHistory signal, ClassifiedBeat beat)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(beat);
        var segment = new float[QrsLength];
        return signal.TryRead(beat.Time - QrsBefore, segment) ? segment : null;
    }

    /// <summary>The best <see cref="Pearson"/> correlation of two equally long segments shifted against each other by up to <paramref name="maximumLag"/> samples, over their overlap.</summary>
    public static double AlignedCorrelation(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int maximumLag = MaximumLagSamples)
    {
        if (a.Length != b.Length || a.Length - maximumLag < 2 || maximumLag < 0)
        {
            throw new ArgumentException("Segments must be of equal length, longer than the lag by at least 2.", nameof(b));
        }

        var best = double.NegativeInfinity;
        for (var lag = -maximumLag; lag <= maximumLag; lag++)
        {
            var overlap = a.Length - Math.Abs(lag);
            best = Math.Max(best, Pearson.Correlation(a.Slice(Math.Max(0, lag), overlap), b.Slice(Math.Max(0, -lag), overlap)));
        }

        return best;
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
