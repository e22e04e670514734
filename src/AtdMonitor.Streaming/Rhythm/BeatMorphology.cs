using AtdMonitor.Data.Beats;
using AtdMonitor.Streaming.Beats;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>Shapes of beats from the signal: the QRS segment around an R-peak and the mean of segments (compared with <see cref="Pearson"/>).</summary>
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
