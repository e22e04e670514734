using AtdMonitor.Data.Beats;
using AtdMonitor.Streaming.Beats;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>
/// Organised atrial activity before the QRS, from the P-wave segments (250 to 80 ms before each R-peak) of a bed's
/// last beats, measured two ways. A sinus P wave repeats beat after beat; fibrillatory waves do not.
/// <list type="bullet">
/// <item><see cref="Consistency"/>: the mean correlation of consecutive segments, as they are.</item>
/// <item><see cref="TemplateConsistency"/>: the mean correlation of each segment, its straight-line trend removed, with
/// the mean of the others. Against the others' mean a small P wave still shows through noise and baseline wander,
/// which defeat the first measure in some patients; the first catches P waves this one misses in others.</item>
/// </list>
/// </summary>
public static class AtrialActivity
{
    public static readonly TimeSpan SegmentBefore = TimeSpan.FromMilliseconds(250);

    public const int SegmentLength = 61;

    /// <summary>The P segments of <paramref name="beats"/> that <paramref name="signal"/> still holds, in the beats' order;
    /// read once, for both measures.</summary>
    public static IReadOnlyList<float[]> Segments(SignalHistory signal, IEnumerable<ClassifiedBeat> beats)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(beats);
        var segments = new List<float[]>();
        foreach (var beat in beats)
        {
            var segment = new float[SegmentLength];
            if (signal.TryRead(beat.Time - SegmentBefore, segment))
            {
                segments.Add(segment);
            }
        }

        return segments;
    }

    /// <summary>Mean correlation of consecutive <paramref name="segments"/>; null with fewer than 3.</summary>
    public static double? Consistency(IReadOnlyList<float[]> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Count < 3)
        {
            return null;
        }

        var sum = 0.0;
        for (var i = 1; i < segments.Count; i++)
        {
            sum += Pearson.Correlation(segments[i - 1], segments[i]);
        }

        return sum / (segments.Count - 1);
    }

    /// <summary>Mean correlation of each of <paramref name="segments"/>, its trend removed (on a copy), with the mean of
    /// the others; null with fewer than 3.</summary>
    public static double? TemplateConsistency(IReadOnlyList<float[]> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Count < 3)
        {
            return null;
        }

        var detrended = segments.Select(WithoutTrend).ToList();
        var sum = new float[SegmentLength];
        foreach (var segment in detrended)
        {
            for (var i = 0; i < SegmentLength; i++)
            {
                sum[i] += segment[i];
            }
        }

        var others = new float[SegmentLength];
        var total = 0.0;
        foreach (var segment in detrended)
        {
            for (var i = 0; i < SegmentLength; i++)
            {
                others[i] = sum[i] - segment[i];
            }

            total += Pearson.Correlation(segment, others);
        }

        return total / detrended.Count;
    }

    /// <summary>A copy of <paramref name="segment"/> less its least-squares straight line (baseline wander across the
    /// segment is not atrial activity).</summary>
    private static float[] WithoutTrend(float[] segment)
    {
        var centre = (segment.Length - 1) / 2.0;
        double mean = 0, slope = 0, spread = 0;
        for (var i = 0; i < segment.Length; i++)
        {
            mean += segment[i];
            slope += (i - centre) * segment[i];
            spread += (i - centre) * (i - centre);
        }

        mean /= segment.Length;
        slope /= spread;
        var result = new float[segment.Length];
        for (var i = 0; i < segment.Length; i++)
        {
            result[i] = segment[i] - (float)(mean + (slope * (i - centre)));
        }

        return result;
    }
}
