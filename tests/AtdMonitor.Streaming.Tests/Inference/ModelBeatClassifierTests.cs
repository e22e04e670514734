using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Spectrograms;
using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Inference;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Inference;
using AtdMonitor.Streaming.Tests.Support;
using AtdMonitor.TestSupport;

namespace AtdMonitor.Streaming.Tests.Inference;

/// <summary>The worker's classifier never folds a beat it cannot judge into N, and hands the beat's shape against the dominant beat to the rhythm rules.</summary>
public sealed class ModelBeatClassifierTests : IDisposable
{
    private readonly string _checkpoint = Path.Combine(Path.GetTempPath(), $"atd-floor-{Guid.NewGuid():N}.ckpt");
    private const float QrsDifference = 0.35f;

    private readonly TestMetrics _metrics = new();

    [Fact]
    public void A_beat_in_poor_signal_is_unclassifiable_whatever_the_model_says_and_a_judged_beat_carries_its_template_difference()
    {
        RandomCheckpoint.WriteArrhythmia(_checkpoint);
        using var model = BeatClassifier.Load(_checkpoint);

        var beats = new ModelBeatClassifier(model, new BedBeatFamilies(), _metrics.Pipeline).Classify([Candidate(signalPoor: true), Candidate(signalPoor: false)]);

        Assert.Equal((ClassifiedBeat.UnclassifiableClass, UnclassifiableReason.PoorSignal), (beats[0].ClassName, beats[0].Unclassifiable));
        Assert.True(beats[1].IsJudged);
        Assert.Equal(beats[1].ClassNames[beats[1].Probabilities.AsSpan().IndexOf(beats[1].Confidence)], beats[1].ClassName);
        Assert.Equal(QrsDifference, beats[1].QrsTemplateDifference);
    }

    [Fact]
    public void A_beat_whose_top_probability_is_below_the_checkpoints_floor_is_unclassifiable_and_keeps_its_probabilities()
    {
        RandomCheckpoint.WriteArrhythmia(_checkpoint);
        ModelCheckpoint.WriteCalibration(_checkpoint, new ClassifierCalibration(1, 0.99f));
        using var model = BeatClassifier.Load(_checkpoint);

        var beat = Assert.Single(new ModelBeatClassifier(model, new BedBeatFamilies(), _metrics.Pipeline).Classify([Candidate(signalPoor: false)]));

        Assert.Equal((ClassifiedBeat.UnclassifiableClass, UnclassifiableReason.LowConfidence), (beat.ClassName, beat.Unclassifiable));
        Assert.InRange(beat.Confidence, 0f, 0.99f);
        Assert.InRange(beat.Probabilities.Sum(), 0.999f, 1.001f);
    }

    [Fact]
    public void Each_beds_beats_join_that_beds_families_and_an_evicted_bed_starts_afresh()
    {
        RandomCheckpoint.WriteArrhythmia(_checkpoint);
        using var model = BeatClassifier.Load(_checkpoint);
        var families = new BedBeatFamilies();

        new ModelBeatClassifier(model, families, _metrics.Pipeline).Classify(
            [Candidate(signalPoor: false), Candidate(signalPoor: false) with { Bed = "bed-2" }, Candidate(signalPoor: false)]);

        Assert.Equal((2, 1, 1), (families.Beds, families.For("bed-1").Count, families.For("bed-2").Count));
        families.Release("bed-1");
        Assert.Equal(1, families.Beds);
        Assert.Equal(0, families.For("bed-1").Count);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        File.Delete(_checkpoint);
    }

    private static BeatCandidate Candidate(bool signalPoor)
    {
        var window = Enumerable.Range(0, BeatSpec.WindowLength).Select(i => (float)Math.Exp(-Math.Pow((i - 90) / 6.0, 2))).ToArray();
        var rhythm = Enumerable.Repeat(0.8f, BeatSpec.RhythmFeatureCount).ToArray();
        rhythm[BeatSpec.QrsDifferenceFeature] = QrsDifference;
        return new BeatCandidate("bed-1", 1000, Messages.Start, window, rhythm, new float[SpectrogramSpec.Rows * SpectrogramSpec.BeatColumns], true, signalPoor);
    }
}
