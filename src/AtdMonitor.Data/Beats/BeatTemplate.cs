namespace AtdMonitor.Data.Beats;

/// <summary>
/// The record's running beat template: per sample of the QRS segment, the median of the last
/// <see cref="BeatSpec.TemplateHistory"/> normalised windows. A beat is then described by how closely it follows
/// the template (Pearson correlation) and how far it lies from it (RMS difference).
/// </summary>
/// <remarks>Why: the same QRS shape is normal in one patient and ventricular in another, so a model that sees
/// only absolute shapes learns its training patients. How a beat differs from this patient's usual beat carries
/// over to new patients (an S beat keeps the usual QRS, a V beat does not). The median keeps the template on the
/// usual beat while fewer than half of the recent beats are ectopic.</remarks>
internal sealed class BeatTemplate
{
    private readonly Queue<float[]> _segments = new();
    private readonly float[] _column = new float[BeatSpec.TemplateHistory];
    private readonly float[] _template = new float[BeatSpec.QrsLength];

    /// <summary>Correlation and RMS difference of <paramref name="window"/>'s QRS segment against the template
    /// of the earlier windows; (1, 0) while there are none. Then adds the window to the template.</summary>
    public (float Correlation, float Difference) CompareAndAdd(ReadOnlySpan<float> window)
    {
        var segment = window.Slice(BeatSpec.QrsStart, BeatSpec.QrsLength);
        var result = _segments.Count == 0 ? (1f, 0f) : Compare(segment);
        var stored = _segments.Count == BeatSpec.TemplateHistory ? _segments.Dequeue() : new float[BeatSpec.QrsLength];
        segment.CopyTo(stored);
        _segments.Enqueue(stored);
        return result;
    }

    public void Clear() => _segments.Clear();

    private (float Correlation, float Difference) Compare(ReadOnlySpan<float> segment)
    {
        var count = _segments.Count;
        var column = _column.AsSpan(0, count);
        for (var i = 0; i < BeatSpec.QrsLength; i++)
        {
            var k = 0;
            foreach (var stored in _segments)
            {
                column[k++] = stored[i];
            }

            _template[i] = Median.SortAndTake(column);
        }

        double meanBeat = 0, meanTemplate = 0;
        for (var i = 0; i < BeatSpec.QrsLength; i++)
        {
            meanBeat += segment[i];
            meanTemplate += _template[i];
        }

        meanBeat /= BeatSpec.QrsLength;
        meanTemplate /= BeatSpec.QrsLength;
        double covariance = 0, beatVariance = 0, templateVariance = 0, squaredDifference = 0;
        for (var i = 0; i < BeatSpec.QrsLength; i++)
        {
            var b = segment[i] - meanBeat;
            var t = _template[i] - meanTemplate;
            covariance += b * t;
            beatVariance += b * b;
            templateVariance += t * t;
            var d = segment[i] - _template[i];
            squaredDifference += d * d;
        }

        // A flat segment has no shape to compare: call it uncorrelated rather than divide by zero.
        var correlation = beatVariance > 1e-12 && templateVariance > 1e-12
            ? covariance / Math.Sqrt(beatVariance * templateVariance)
            : 0;
        return ((float)correlation, (float)Math.Sqrt(squaredDifference / BeatSpec.QrsLength));
    }
}
