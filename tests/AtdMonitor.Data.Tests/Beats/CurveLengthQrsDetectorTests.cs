using AtdMonitor.Data.Beats;

namespace AtdMonitor.Data.Tests.Beats;

public sealed class CurveLengthQrsDetectorTests
{
    [Fact]
    public void The_peaks_do_not_depend_on_the_chunk_size_and_come_within_the_delay_bound() =>
        ChunkedDetection.AssertIndependentOfChunkSize(() => new CurveLengthQrsDetector().Process, new CurveLengthQrsDetector().MaxDelaySamples);

    [Theory]
    [InlineData("100")]
    [InlineData("119")]
    [InlineData("208")]
    [InlineData("233")]
    public void It_finds_the_reference_beats_of_a_sample_record_after_learning(string record)
    {
        var (ecg, _, annotations) = SampleRecords.Load(record, minutes: 5);
        var learned = new CurveLengthQrsDetector().LearnedFrom + 54;
        var score = DetectorScoring.Score([.. annotations.Where(a => a.Sample >= learned)], Detect(ecg, 360, out _), 360);

        Assert.True(score.Sensitivity >= 0.98, $"Se {score.Sensitivity:P2}");
        Assert.True(score.PositivePredictivity >= 0.98, $"+P {score.PositivePredictivity:P2}");
    }

    [Fact]
    public void After_a_reset_it_learns_afresh_and_numbers_samples_from_the_given_index()
    {
        var (ecg, _, _) = SampleRecords.Load("100", minutes: 1);
        var detector = new CurveLengthQrsDetector();
        var peaks = new List<long>();
        detector.Process(ecg.AsSpan(0, 5000), peaks);
        detector.Reset(1_000_000);
        peaks.Clear();
        detector.Process(ecg.AsSpan(5000), peaks);

        Assert.Equal(1_000_000 + 720, detector.LearnedFrom);
        Assert.Equal(Detect(ecg[5000..], ecg.Length, out _).Select(p => p + 1_000_000), peaks);
    }

    private static List<long> Detect(float[] ecg, int chunk, out long worstDelay) => ChunkedDetection.Run(new CurveLengthQrsDetector().Process, ecg, chunk, out worstDelay);
}
