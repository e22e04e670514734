using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Wfdb;
using AtdMonitor.Tests.Shared;

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

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(1)]
    public void It_follows_a_ventricular_tachycardia_of_200_beats_a_minute_complex_by_complex_on_either_lead(int lead)
    {
        // 205 (DS1) at 24:22 to 24:24: wide complexes 0.27 to 0.34 s apart, so close that the curve length hardly falls
        // between them; the detector once found every other one (5 of these 8 on lead 1).
        var mitdb = TestData.RequireMitdb();
        var record = WfdbReader.ReadRecord(mitdb, "205");
        var leads = BeatDatasetBuilder.LeadsOf(record);
        var ecg = record.ToMillivolts(lead == 0 ? leads.Lead0 : leads.Lead1);
        var from = (long)(1462.0 * 360);
        var to = (long)(1464.3 * 360);
        var run = WfdbAnnotationReader.Read(Path.Combine(mitdb, "205.atr")).Where(a => a.IsBeat && a.Sample >= from && a.Sample < to).ToList();

        var peaks = Detect(ecg[..(int)(to + 360)], 360, out _).Where(p => p >= from - 54 && p < to + 54).ToList();

        Assert.All(run, beat => Assert.Equal("V", beat.Symbol));
        Assert.Equal(8, run.Count);
        var score = DetectorScoring.Score(run, peaks, 360);
        Assert.True(score.TruePositives >= 7, $"{score.TruePositives} of {run.Count} complexes found");
        Assert.Equal(0, score.FalsePositives);
    }

    [Theory]
    [InlineData(1e20f)]
    [InlineData(-3e38f)]
    [InlineData(float.NaN)]
    public void One_absurd_sample_does_not_silence_it(float absurd)
    {
        var (ecg, _, annotations) = SampleRecords.Load("100", minutes: 2);
        ecg[20 * 360] = absurd;
        var later = annotations.Where(a => a.Sample >= 40 * 360).ToList();

        var score = DetectorScoring.Score(later, [.. Detect(ecg, 360, out _).Where(p => p >= (40 * 360) - 54)], 360);

        Assert.True(score.Sensitivity >= 0.98, $"Se {score.Sensitivity:P2} 20 s after the sample");
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
