using AtdMonitor.Data.Beats;

namespace AtdMonitor.Data.Tests.Beats;

public sealed class BeatFeatureSequenceTests
{
    private const int Rr = 300;

    [Fact]
    public void A_beat_shaped_like_the_records_usual_beat_matches_its_template()
    {
        var beats = Feed(Enumerable.Repeat<Func<int, float>>(NormalBeat, 12));

        var last = beats[^1].Rhythm;
        Assert.Equal(BeatSpec.RhythmFeatureCount, last.Length);
        Assert.Equal(1f, last[5], 4);
        Assert.Equal(0f, last[6], 4);
    }

    [Fact]
    public void A_wide_beat_among_normal_ones_correlates_less_and_lies_further_from_the_template()
    {
        var shapes = Enumerable.Repeat<Func<int, float>>(NormalBeat, 10).Append(WideBeat).Append(NormalBeat).Append(NormalBeat);
        var beats = Feed(shapes);

        var wide = beats[^3].Rhythm;
        var normal = beats[^2].Rhythm;
        Assert.True(wide[5] < 0.8f, $"correlation {wide[5]}");
        Assert.True(wide[6] > 0.1f, $"difference {wide[6]}");
        // One ectopic beat does not move a median template.
        Assert.Equal(1f, normal[5], 4);
    }

    [Fact]
    public void The_post_RR_ratio_is_post_RR_over_the_local_mean()
    {
        var beats = Feed(Enumerable.Repeat<Func<int, float>>(NormalBeat, 6));

        Assert.All(beats, beat => Assert.Equal(beat.Rhythm[1] / beat.Rhythm[2], beat.Rhythm[4], 5));
    }

    [Fact]
    public void A_premature_beat_is_short_against_the_patients_median_RR_and_the_previous_interval_and_is_followed_by_a_pause()
    {
        // Regular beats every 300 samples, then one 100 samples early and a compensatory pause.
        long[] peaks = [.. Enumerable.Range(0, 20).Select(i => (long)i * Rr), (20 * Rr) - 100, 21 * Rr, 22 * Rr];
        var beats = FeedAt(peaks, NormalBeat);

        var premature = beats.Single(b => b.RPeakSample == (20 * Rr) - 100).Rhythm;
        var regular = beats.Single(b => b.RPeakSample == 18 * Rr).Rhythm;
        Assert.Equal(200f / 300, premature[7], 3);
        Assert.Equal(400f / 300, premature[8], 3);
        Assert.Equal(200f / 300, premature[9], 3);
        Assert.Equal(2f, premature[10], 3);
        Assert.Equal((1f, 1f, 1f), (regular[7], regular[9], regular[10]));
        Assert.Equal(0f, regular[12], 4);
    }

    [Fact]
    public void Premature_beats_that_outnumber_the_others_look_usual_against_the_median_RR_but_stay_premature_against_the_long_RR()
    {
        // A long cycle of 600 samples, then three premature beats 240 samples apart, over and over (record 232's pattern):
        // the premature intervals set the median, the long cycles its 90th percentile.
        var peaks = new List<long> { 0 };
        for (var cycle = 0; cycle < 12; cycle++)
        {
            var longCycleEnd = peaks[^1] + 600;
            peaks.AddRange([longCycleEnd, longCycleEnd + 240, longCycleEnd + 480, longCycleEnd + 720]);
        }

        var beats = FeedAt([.. peaks], NormalBeat);

        var premature = beats.Single(b => b.RPeakSample == peaks[^3]).Rhythm;
        var afterLongCycle = beats.Single(b => b.RPeakSample == peaks[^4]).Rhythm;
        Assert.Equal(1f, premature[7], 3);
        Assert.Equal(240f / 600, premature[14], 3);
        Assert.Equal(240f / 600, premature[15], 3);
        Assert.Equal(600f / 240, afterLongCycle[7], 3);
        Assert.Equal(1f, afterLongCycle[14], 3);
    }

    [Fact]
    public void The_long_RR_is_the_nearest_rank_90th_percentile_of_the_intervals_known_so_far()
    {
        // Ten distinct intervals, 110 to 200 samples: when the tenth is known, the 9th smallest (190) is the long RR.
        var peaks = new List<long> { 1000 };
        peaks.AddRange(Enumerable.Range(1, 11).Select(k => 1000L + Enumerable.Range(1, k).Sum(i => 100L + (10 * Math.Min(i, 10)))));

        var beats = FeedAt([.. peaks], NormalBeat);

        var tenth = beats.Single(b => b.RPeakSample == peaks[10]).Rhythm;
        Assert.Equal(200f / 190, tenth[14], 4);
        Assert.Equal(200f / 190, tenth[15], 4); // its post-RR is 200 samples too
    }

    [Fact]
    public void An_irregular_rhythm_has_a_high_irregularity_before_the_beat()
    {
        var random = new Random(2);
        var peaks = new List<long> { 0 };
        for (var i = 0; i < 20; i++)
        {
            peaks.Add(peaks[^1] + random.Next(200, 450));
        }

        var beats = FeedAt([.. peaks], NormalBeat);

        Assert.True(beats[^1].Rhythm[12] > 0.1f, $"irregularity {beats[^1].Rhythm[12]}");
    }

    [Fact]
    public void A_beat_with_another_P_wave_keeps_its_QRS_match_but_loses_its_P_wave_match()
    {
        var shapes = Enumerable.Repeat<Func<int, float>>(WithPWave, 10).Append(NormalBeat).Append(WithPWave).Append(WithPWave);
        var beats = Feed(shapes);

        var other = beats[^3].Rhythm;
        var usual = beats[^2].Rhythm;
        Assert.True(other[11] < 0.5f, $"P-wave correlation {other[11]}");
        Assert.True(other[5] > 0.99f, $"QRS correlation {other[5]}");
        Assert.True(usual[11] > 0.99f, $"P-wave correlation {usual[11]}");
        Assert.True(usual[13] > 0.99f, "the previous beat's QRS correlation is carried to the next beat");
    }

    [Fact]
    public void A_reset_starts_a_new_template()
    {
        var sequence = new BeatFeatureSequence();
        var beats = new List<ExtractedBeat>();
        for (var i = 0; i < 6; i++)
        {
            Add(sequence, beats, i, NormalBeat);
        }

        sequence.Reset();
        for (var i = 0; i < 3; i++)
        {
            Add(sequence, beats, 100 + i, WideBeat);
        }

        // The wide beats are the new record's usual beat: no trace of the normal ones before the reset.
        Assert.Equal(1f, beats[^1].Rhythm[5], 4);
    }

    private static List<ExtractedBeat> Feed(IEnumerable<Func<int, float>> shapes)
    {
        var sequence = new BeatFeatureSequence();
        var beats = new List<ExtractedBeat>();
        var i = 0;
        foreach (var shape in shapes)
        {
            Add(sequence, beats, i++, shape);
        }

        Add(sequence, beats, i, NormalBeat);
        return beats;
    }

    private static List<ExtractedBeat> FeedAt(long[] peaks, Func<int, float> shape)
    {
        var sequence = new BeatFeatureSequence();
        var window = Enumerable.Range(0, BeatSpec.WindowLength).Select(shape).ToArray();
        return [.. peaks.Select(r => sequence.Add(r, window)).OfType<ExtractedBeat>()];
    }

    private static void Add(BeatFeatureSequence sequence, List<ExtractedBeat> beats, int index, Func<int, float> shape)
    {
        var window = Enumerable.Range(0, BeatSpec.WindowLength).Select(shape).ToArray();
        if (sequence.Add((long)index * Rr, window) is { } beat)
        {
            beats.Add(beat);
        }
    }

    /// <summary>A narrow QRS spike at the R-peak (sample 90 of the window), in mV.</summary>
    private static float NormalBeat(int sample) => (float)Math.Exp(-Math.Pow((sample - BeatSpec.WindowBefore) / 6.0, 2));

    /// <summary><see cref="NormalBeat"/> with a P wave 160 ms before the R-peak.</summary>
    private static float WithPWave(int sample) => NormalBeat(sample) + (0.15f * (float)Math.Exp(-Math.Pow((sample - BeatSpec.WindowBefore + 58) / 8.0, 2)));

    /// <summary>A wide, late, inverted complex: what a ventricular beat looks like beside <see cref="NormalBeat"/>.</summary>
    private static float WideBeat(int sample) => -(float)Math.Exp(-Math.Pow((sample - BeatSpec.WindowBefore - 20) / 25.0, 2));
}
