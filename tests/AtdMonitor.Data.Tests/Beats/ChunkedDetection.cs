namespace AtdMonitor.Data.Tests.Beats;

/// <summary>Feeds a signal to a streaming detector in chunks, as the stream does, and measures how late each peak is reported.</summary>
internal static class ChunkedDetection
{
    public static List<long> Run(PeakDetector detector, float[] ecg, int chunk, out long worstDelay)
    {
        var peaks = new List<long>();
        worstDelay = 0;
        for (var start = 0; start < ecg.Length; start += chunk)
        {
            var before = peaks.Count;
            var length = Math.Min(chunk, ecg.Length - start);
            detector(ecg.AsSpan(start, length), peaks);
            for (var i = before; i < peaks.Count; i++)
            {
                worstDelay = Math.Max(worstDelay, start + length - 1 - peaks[i]);
            }
        }

        return peaks;
    }
}
