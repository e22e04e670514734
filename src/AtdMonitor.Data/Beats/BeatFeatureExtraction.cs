namespace AtdMonitor.Data.Beats;

/// <summary>Offline: the stream's beat features for a whole record at given R-peaks.</summary>
public static class BeatFeatureExtraction
{
    /// <summary>Features of every beat at <paramref name="rPeaks"/> (sorted) of <paramref name="lead0Mv"/> that the
    /// stream would emit: each needs a previous and a next R-peak and a window inside the record.</summary>
    public static List<ExtractedBeat> Extract(ReadOnlySpan<float> lead0Mv, IReadOnlyList<long> rPeaks, double sampleRate = BeatSpec.SampleRate)
    {
        ArgumentNullException.ThrowIfNull(rPeaks);
        var sequence = new BeatFeatureSequence(sampleRate);
        var beats = new List<ExtractedBeat>(rPeaks.Count);
        foreach (var r in rPeaks)
        {
            var start = r - BeatSpec.WindowBefore;
            var window = start >= 0 && start + BeatSpec.WindowLength <= lead0Mv.Length
                ? lead0Mv.Slice((int)start, BeatSpec.WindowLength)
                : ReadOnlySpan<float>.Empty;
            if (sequence.Add(r, window) is { } beat)
            {
                beats.Add(beat);
            }
        }

        return beats;
    }
}
