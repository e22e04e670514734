namespace AtdMonitor.Data.Beats;

/// <summary>
/// The record's running beat template: per sample of the P-wave and QRS segments, the median of the last
/// <see cref="BeatSpec.TemplateHistory"/> normalised windows. A beat is then described by how closely its QRS follows
/// the template (Pearson correlation), how far it lies from it (RMS difference), and how closely the stretch before
/// it (where the P wave is) follows the template's.
/// </summary>
/// <remarks>Why: the same QRS shape is normal in one patient and ventricular in another, so a model that sees
/// only absolute shapes learns its training patients. How a beat differs from this patient's usual beat carries
/// over to new patients (an S beat keeps the usual QRS but not the usual P wave, a V beat keeps neither). The median
/// keeps the template on the usual beat while fewer than half of the recent beats are ectopic.</remarks>
internal sealed class BeatTemplate
{
    /// <summary>Samples kept per window: the P-wave segment, then the QRS segment.</summary>
    private const int Length = BeatSpec.QrsStart + BeatSpec.QrsLength;

    private readonly SortedColumns _segments = new(Length, BeatSpec.TemplateHistory);
    private readonly float[] _template = new float[Length];

    /// <summary>Compares <paramref name="window"/> with the template of the earlier windows ((1, 0, 1) while there are
    /// none), then adds it to the template.</summary>
    public TemplateMatch CompareAndAdd(ReadOnlySpan<float> window)
    {
        var segment = window[..Length];
        var result = _segments.Count == 0 ? new TemplateMatch(1, 0, 1) : Compare(segment);
        _segments.Add(segment);
        return result;
    }

    public void Clear() => _segments.Clear();

    private TemplateMatch Compare(ReadOnlySpan<float> segment)
    {
        for (var i = 0; i < Length; i++)
        {
            _template[i] = _segments.Median(i);
        }

        var qrs = segment.Slice(BeatSpec.QrsStart, BeatSpec.QrsLength);
        var qrsTemplate = _template.AsSpan(BeatSpec.QrsStart, BeatSpec.QrsLength);
        double squaredDifference = 0;
        for (var i = 0; i < BeatSpec.QrsLength; i++)
        {
            var d = qrs[i] - qrsTemplate[i];
            squaredDifference += d * d;
        }

        return new TemplateMatch(
            Correlation(qrs, qrsTemplate),
            (float)Math.Sqrt(squaredDifference / BeatSpec.QrsLength),
            Correlation(segment[..BeatSpec.QrsStart], _template.AsSpan(0, BeatSpec.QrsStart)));
    }

    private static float Correlation(ReadOnlySpan<float> beat, ReadOnlySpan<float> template) => (float)Pearson.Correlation(beat, template);
}
