using AtdMonitor.Data.Beats;
using AtdMonitor.Streaming.Beats;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>
/// Organised atrial activity before the QRS: the mean correlation of the P-wave segments (250 to 80 ms before each
/// R-peak, mean removed) of consecutive beats. A sinus P wave repeats beat after beat (high correlation); in atrial
/// fibrillation there is no P wave but fibrillatory waves that do not repeat (low correlation).
/// </summary>
public static class AtrialActivity
{
    public static readonly TimeSpan SegmentBefore = TimeSpan.FromMilliseconds(250);

    public const int SegmentLength = 61;

    /// <summary>Mean correlation of the P segments of consecutive <paramref name="beats"/> (newest first or last); null when fewer than 3 segments are held.</summary>
    public static double? Consistency(SignalHistory signal, IEnumerable<ClassifiedBeat> beats)
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
}
