using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Tests.EndToEnd;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Streaming.Tests.Beats;

public sealed class Lead1BeatCheckTests
{
    private readonly MitBihWindows _record = new(Path.Combine(TestData.Samples, "mitdb"), "100", "bed-100", Support.Messages.Start);

    [Theory]
    [InlineData(0.059, true)]
    [InlineData(0.060, false)]
    public void A_beat_lead_1_does_not_show_is_missed_only_while_the_noise_index_of_its_window_is_below_the_threshold(double noiseIndex, bool missed)
    {
        var check = new Lead1BeatCheck(believedNoiseIndex: 0.06);
        for (var sequence = 0; sequence < 60; sequence++)
        {
            check.Push(_record.Ecg(sequence).Lead(1).ToArray(), sequence * 360L, sequence == 0, new SignalQualityVerdict(null, 1.0, noiseIndex));
        }

        var beats = _record.Annotations.Where(a => a.IsBeat && a.Sample >= 48 * 360 && a.Sample < 56 * 360).Select(a => a.Sample).ToList();
        var betweenTwoBeats = (beats[^2] + beats[^1]) / 2;

        Assert.All(beats, beat => Assert.False(check.Misses(beat)));
        Assert.Equal(missed, check.Misses(betweenTwoBeats));
    }

    [Fact]
    public void A_beat_in_a_noisy_window_is_not_missed_though_the_newest_window_is_clean()
    {
        var check = new Lead1BeatCheck(believedNoiseIndex: 0.06);
        for (var sequence = 0; sequence < 60; sequence++)
        {
            // Noisy in window 55 alone, where the beat lead 1 does not show lies.
            var verdict = new SignalQualityVerdict(null, 1.0, sequence == 55 ? 0.1 : 0.02);
            check.Push(_record.Ecg(sequence).Lead(1).ToArray(), sequence * 360L, sequence == 0, verdict);
        }

        var beats = _record.Annotations.Where(a => a.IsBeat && a.Sample >= 48 * 360 && a.Sample < 55 * 360).Select(a => a.Sample).ToList();
        var inWindow55 = _record.Annotations.Where(a => a.IsBeat && a.Sample >= 55 * 360 && a.Sample < 56 * 360).Select(a => a.Sample).ToList();

        Assert.All(beats, beat => Assert.False(check.Misses(beat)));
        Assert.False(check.Misses(inWindow55[0] - 100));
        Assert.True(check.Misses((beats[^2] + beats[^1]) / 2));
    }

    [Fact]
    public void A_beat_is_judged_by_the_window_that_holds_it_not_by_the_newest_window()
    {
        var check = new Lead1BeatCheck(believedNoiseIndex: 0.06);
        for (var sequence = 0; sequence < 60; sequence++)
        {
            // Clean up to window 55, noisy from there: the beats of windows 48 to 55 are judged clean.
            var verdict = new SignalQualityVerdict(null, 1.0, sequence < 56 ? 0.02 : 0.1);
            check.Push(_record.Ecg(sequence).Lead(1).ToArray(), sequence * 360L, sequence == 0, verdict);
        }

        var beats = _record.Annotations.Where(a => a.IsBeat && a.Sample >= 48 * 360 && a.Sample < 56 * 360).Select(a => a.Sample).ToList();

        Assert.All(beats, beat => Assert.False(check.Misses(beat)));
        Assert.True(check.Misses((beats[^2] + beats[^1]) / 2));
    }
}
