using AtdMonitor.Data.Beats;

namespace AtdMonitor.Data.Tests.Beats;

public sealed class StreamingRPeakDetectorTests
{
    [Fact]
    public void The_peaks_do_not_depend_on_the_chunk_size_and_come_within_the_delay_bound() =>
        ChunkedDetection.AssertIndependentOfChunkSize(() => new StreamingRPeakDetector().Process, new StreamingRPeakDetector().MaxDelaySamples);

    [Theory]
    [InlineData("100")]
    [InlineData("119")]
    [InlineData("208")]
    [InlineData("233")]
    public void It_finds_the_reference_beats_of_a_sample_record(string record)
    {
        var (ecg, _, annotations) = SampleRecords.Load(record, minutes: 5);
        var score = DetectorScoring.Score(annotations, Detect(ecg, 360, out _), 360);

        Assert.True(score.Sensitivity >= 0.99, $"Se {score.Sensitivity:P2}");
        Assert.True(score.PositivePredictivity >= 0.99, $"+P {score.PositivePredictivity:P2}");
    }

    [Fact]
    public void After_a_reset_it_numbers_samples_from_the_given_index_and_finds_beats_again()
    {
        var (ecg, _, _) = SampleRecords.Load("100", minutes: 1);
        var detector = new StreamingRPeakDetector();
        var peaks = new List<long>();
        detector.Process(ecg.AsSpan(0, 5000), peaks);
        detector.Reset(1_000_000);
        peaks.Clear();
        detector.Process(ecg.AsSpan(5000), peaks);

        var reference = Detect(ecg[5000..], ecg.Length, out _);
        Assert.Equal(reference.Select(p => p + 1_000_000), peaks);
    }

    [Fact]
    public void Scoring_matches_within_150_ms_one_to_one()
    {
        var score = DetectorScoring.Score([1000, 2000, 3000], [1054, 1060, 2055, 2990], 360);
        Assert.Equal(new DetectorScore(TruePositives: 2, FalseNegatives: 1, FalsePositives: 2), score);
    }

    private static List<long> Detect(float[] ecg, int chunk, out long worstDelay) => ChunkedDetection.Run(new StreamingRPeakDetector().Process, ecg, chunk, out worstDelay);
}
