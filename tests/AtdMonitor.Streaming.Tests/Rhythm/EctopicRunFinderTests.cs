using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Rhythm;

namespace AtdMonitor.Streaming.Tests.Rhythm;

public sealed class EctopicRunFinderTests
{
    [Fact]
    public void With_confirmed_beats_only_a_beat_the_second_detector_missed_is_uncertain_so_one_is_tolerated_and_two_break_the_run()
    {
        var confirmedOnly = new EctopicRunFinder("V", minimumQrsDifference: 0.1, confirmedBeatsOnly: true);
        var any = new EctopicRunFinder("V", minimumQrsDifference: 0.1);

        var oneMissed = History(false, false, true, false, false);
        var twoMissed = History(false, true, false, true, false);

        Assert.Equal((5, 1), (confirmedOnly.Find(oneMissed).Length, confirmedOnly.Find(oneMissed).Tolerated));
        Assert.Equal(3, confirmedOnly.Find(twoMissed).Length); // newest, the tolerated one, the next; the second missed one ends it
        Assert.Equal((5, 0), (any.Find(twoMissed).Length, any.Find(twoMissed).Tolerated));
        Assert.False(confirmedOnly.IsMember(Ventricular(0, unconfirmed: true)));
        Assert.True(confirmedOnly.IsUncertain(Ventricular(0, unconfirmed: true)));
    }

    /// <summary>Five wide V beats at 150 bpm, oldest first, each marked unconfirmed or not.</summary>
    private static BeatHistory History(params bool[] unconfirmed)
    {
        var history = new BeatHistory(16);
        for (var i = 0; i < unconfirmed.Length; i++)
        {
            history.Add(Ventricular(i, unconfirmed[i]));
        }

        return history;
    }

    private static ClassifiedBeat Ventricular(int index, bool unconfirmed) =>
        RhythmReplay.Beat(10_000 + (index * 144), "V", 0.4f, qrsTemplateDifference: 0.5f) with { Unconfirmed = unconfirmed };
}
