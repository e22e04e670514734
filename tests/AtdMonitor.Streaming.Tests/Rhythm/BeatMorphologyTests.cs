using AtdMonitor.Data.Beats;
using AtdMonitor.Streaming.Rhythm;

namespace AtdMonitor.Streaming.Tests.Rhythm;

public sealed class BeatMorphologyTests
{
    private static float[] Qrs(int peakAt) =>
        [.. Enumerable.Range(0, BeatMorphology.QrsLength).Select(i => (float)Math.Exp(-((i - peakAt) * (i - peakAt)) / 8.0))];

    [Fact]
    public void The_same_qrs_a_few_samples_off_matches_once_aligned_but_not_sample_by_sample()
    {
        var template = Qrs(36);
        var shifted = Qrs(42);

        Assert.True(Pearson.Correlation(shifted, template) < 0.2);
        Assert.True(BeatMorphology.AlignedCorrelation(shifted, template) > 0.99);
    }

    [Fact]
    public void A_shift_beyond_the_largest_lag_is_not_aligned_away()
    {
        var template = Qrs(36);
        var farOff = Qrs(36 + BeatMorphology.MaximumLagSamples + 8);

        Assert.True(BeatMorphology.AlignedCorrelation(farOff, template) < 0.5);
    }
}
