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

    /// <summary>
    /// Asserts that a detector reports the same peaks of 3 min of record 208 whatever the chunk size (1, 7, 360 or the
    /// whole signal), each within its delay bound.
    /// </summary>
    public static void AssertIndependentOfChunkSize(Func<PeakDetector> newDetector, int maxDelaySamples)
    {
        var (ecg, _, _) = SampleRecords.Load("208", minutes: 3);
        var whole = Run(newDetector(), ecg, ecg.Length, out _);

        foreach (var chunk in new[] { 1, 7, 360 })
        {
            Assert.Equal(whole, Run(newDetector(), ecg, chunk, out var worstDelay));
            Assert.InRange(worstDelay, 0, maxDelaySamples + chunk - 1);
        }
    }
}
