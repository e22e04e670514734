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

    /// <summary>A wide, late, inverted complex: what a ventricular beat looks like beside <see cref="NormalBeat"/>.</summary>
    private static float WideBeat(int sample) => -(float)Math.Exp(-Math.Pow((sample - BeatSpec.WindowBefore - 20) / 25.0, 2));
}
