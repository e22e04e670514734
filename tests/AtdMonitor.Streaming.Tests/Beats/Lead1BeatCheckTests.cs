using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Tests.EndToEnd;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Streaming.Tests.Beats;

public sealed class Lead1BeatCheckTests
{
    private const int Windows = 60;
    private readonly MitBihWindows _record = new(Path.Combine(TestData.Samples, "mitdb"), "100", "bed-100", Support.Messages.Start);

    [Theory]
    [InlineData(0.059, true)]
    [InlineData(0.060, false)]
    public void A_beat_lead_1_does_not_show_is_missed_only_while_the_noise_index_of_its_window_is_below_the_threshold(double noiseIndex, bool missed)
    {
        var check = Fed(_ => noiseIndex);

        var beats = BeatsInWindows(48, 56);
        var betweenTwoBeats = (beats[^2] + beats[^1]) / 2;

        Assert.All(beats, beat => Assert.False(check.Misses(beat)));
        Assert.Equal(missed, check.Misses(betweenTwoBeats));
    }

    [Fact]
    public void A_beat_in_a_noisy_window_is_not_missed_though_the_newest_window_is_clean()
    {
        // Noisy in window 55 alone, where the beat lead 1 does not show lies.
        var check = Fed(sequence => sequence == 55 ? 0.1 : 0.02);

        var beats = BeatsInWindows(48, 55);
        var inWindow55 = BeatsInWindows(55, 56);

        Assert.All(beats, beat => Assert.False(check.Misses(beat)));
        Assert.False(check.Misses(inWindow55[0] - 100));
        Assert.True(check.Misses((beats[^2] + beats[^1]) / 2));
    }

    [Fact]
    public void A_beat_is_judged_by_the_window_that_holds_it_not_by_the_newest_window()
    {
        // Clean up to window 55, noisy from there: the beats of windows 48 to 55 are judged clean.
        var check = Fed(sequence => sequence < 56 ? 0.02 : 0.1);

        var beats = BeatsInWindows(48, 56);

        Assert.All(beats, beat => Assert.False(check.Misses(beat)));
        Assert.True(check.Misses((beats[^2] + beats[^1]) / 2));
    }

    /// <summary>A check (threshold 0.06) fed the record's first <see cref="Windows"/> windows of lead 1, each judged clean of
    /// flat line and saturation with the noise index <paramref name="noiseIndexOf"/>(window).</summary>
    private Lead1BeatCheck Fed(Func<int, double> noiseIndexOf)
    {
        var check = new Lead1BeatCheck(believedNoiseIndex: 0.06);
        for (var sequence = 0; sequence < Windows; sequence++)
        {
            check.Push(_record.Ecg(sequence).Lead(1).ToArray(), sequence * 360L, sequence == 0, new SignalQualityVerdict(null, 1.0, noiseIndexOf(sequence)));
        }

        return check;
    }

    /// <summary>The annotated beats' samples from window <paramref name="first"/> up to, not including, window <paramref name="end"/>.</summary>
    private List<long> BeatsInWindows(int first, int end) =>
        [.. _record.Annotations.Where(a => a.IsBeat && a.Sample >= first * 360 && a.Sample < end * 360).Select(a => a.Sample)];
}
