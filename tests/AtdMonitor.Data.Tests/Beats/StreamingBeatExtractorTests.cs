using AtdMonitor.Data.Beats;

namespace AtdMonitor.Data.Tests.Beats;

public sealed class StreamingBeatExtractorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(360)]
    [InlineData(int.MaxValue)]
    public void Fed_in_chunks_it_gives_the_offline_features_at_the_same_R_peaks(int chunk)
    {
        var (ecg, _, _) = SampleRecords.Load("119", minutes: 2);
        var peaks = new List<long>();
        new StreamingRPeakDetector().Process(ecg, peaks);
        var offline = BeatFeatureExtraction.Extract(ecg, peaks);

        var streamed = Stream(new StreamingBeatExtractor(), ecg, chunk);

        Assert.Equal(offline.Count, streamed.Count);
        Assert.True(offline.Count > 100);
        for (var i = 0; i < offline.Count; i++)
        {
            Assert.Equal(offline[i].RPeakSample, streamed[i].RPeakSample);
            Assert.Equal(offline[i].Window, streamed[i].Window);
            Assert.Equal(offline[i].Rhythm, streamed[i].Rhythm);
        }
    }

    [Fact]
    public void Every_beat_has_a_256_sample_window_and_consistent_RR_features()
    {
        var (ecg, _, _) = SampleRecords.Load("100", minutes: 1);
        var beats = Stream(new StreamingBeatExtractor(), ecg, 360);

        Assert.All(beats, b => Assert.Equal(BeatSpec.WindowLength, b.Window.Length));
        for (var i = 1; i < beats.Count; i++)
        {
            var rr = (beats[i].RPeakSample - beats[i - 1].RPeakSample) / 360f;
            Assert.Equal(rr, beats[i].Rhythm[0], 5);
            Assert.Equal(rr, beats[i - 1].Rhythm[1], 5);
            Assert.Equal(beats[i].Rhythm[0] / beats[i].Rhythm[2], beats[i].Rhythm[3], 5);
            Assert.InRange(beats[i].Rhythm[5], -1f, 1f);
        }

        // Normalised: the window median is 0 and a normal beat spans about one unit.
        var spans = beats.Select(b => b.Window.Max() - b.Window.Min()).Order().ToList();
        Assert.InRange(spans[spans.Count / 2], 0.8f, 1.2f);
    }

    [Fact]
    public void No_beat_spans_a_reset()
    {
        var (ecg, _, _) = SampleRecords.Load("100", minutes: 1);
        var extractor = new StreamingBeatExtractor();
        var beats = new List<ExtractedBeat>();
        extractor.Push(ecg.AsSpan(0, 10_000), beats);
        var beforeGap = beats.Count;
        extractor.Reset(50_000);
        extractor.Push(ecg.AsSpan(10_000), beats);

        var afterGap = beats.Skip(beforeGap).ToList();
        Assert.NotEmpty(afterGap);
        Assert.All(afterGap, b => Assert.True(b.RPeakSample - BeatSpec.WindowBefore >= 50_000));
        Assert.All(afterGap, b => Assert.InRange(b.Rhythm[0], 0.3f, 2f));
        Assert.Equal(50_000 + ecg.Length - 10_000, extractor.NextSampleIndex);
    }

    private static List<ExtractedBeat> Stream(StreamingBeatExtractor extractor, float[] ecg, int chunk)
    {
        var beats = new List<ExtractedBeat>();
        for (var start = 0; start < ecg.Length; start += Math.Min(chunk, ecg.Length - start))
        {
            extractor.Push(ecg.AsSpan(start, Math.Min(chunk, ecg.Length - start)), beats);
        }

        return beats;
    }
}
