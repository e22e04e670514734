using AtdMonitor.Streaming.Sink;
using InfluxDB.Client.Writes;

namespace AtdMonitor.Streaming.Beats;

/// <summary>
/// The <c>beat</c> measurement: one point per classified beat, stamped at the R-peak, in the series of its bed only.
/// The class and the image flag are fields, not tags: a window delivered again after a crash may be classified
/// differently by a detector that warmed up afresh, and it must overwrite its first point, not add a second series.
/// </summary>
public static class BeatPoint
{
    public static PointData Of(ClassifiedBeat beat)
    {
        ArgumentNullException.ThrowIfNull(beat);
        var point = PointData.Measurement("beat")
            .Tag("bed", beat.Bed)
            .Field("class", beat.ClassName)
            .Field("image_missing", beat.ImageMissing);
        for (var i = 0; i < beat.Probabilities.Length; i++)
        {
            point = point.Field("p_" + beat.ClassNames[i], PointTime.Exact(beat.Probabilities[i]));
        }

        if (!beat.IsJudged)
        {
            point = point.Field("unclassifiable", beat.Unclassifiable == UnclassifiableReason.PoorSignal ? "poor_signal" : "low_confidence");
        }

        return point.Field("rr", PointTime.Exact(beat.RrSeconds))
            .Field("confidence", PointTime.Exact(beat.Confidence))
            .Field("sample", beat.RPeakSample)
            .Timestamp(beat.Time, PointTime.Precision);
    }
}
