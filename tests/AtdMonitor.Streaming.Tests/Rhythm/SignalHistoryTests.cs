using AtdMonitor.Streaming.Rhythm;

namespace AtdMonitor.Streaming.Tests.Rhythm;

public sealed class SignalHistoryTests
{
    private static readonly DateTimeOffset Start = RhythmReplay.Start;

    [Fact]
    public void A_segment_is_read_across_consecutive_windows()
    {
        var history = new SignalHistory(10);
        history.Add(Window(0), Start);
        history.Add(Window(1), Start.AddSeconds(1));
        var segment = new float[20];

        Assert.True(history.TryRead(Start + SignalHistory.Seconds(350), segment));
        Assert.Equal(350f, segment[0]);
        Assert.Equal(360f + 9, segment[19]);
    }

    [Fact]
    public void A_window_after_a_gap_starts_afresh_so_no_segment_spans_the_hole()
    {
        var history = new SignalHistory(10);
        history.Add(Window(0), Start);
        history.Add(Window(5), Start.AddSeconds(5));

        Assert.Equal(360, history.Length);
        Assert.False(history.TryRead(Start, new float[10]));
        Assert.True(history.TryRead(Start.AddSeconds(5), new float[10]));
    }

    [Fact]
    public void Windows_are_forgotten_once_no_beat_rule_needs_them_and_beyond_the_capacity()
    {
        var history = new SignalHistory(3);
        for (var s = 0; s < 5; s++)
        {
            history.Add(Window(s), Start.AddSeconds(s));
        }

        Assert.Equal(3 * 360, history.Length);
        history.ForgetBefore(Start.AddSeconds(3.5));
        Assert.Equal(2 * 360, history.Length);
        Assert.Equal(Start.AddSeconds(5), history.End);
    }

    [Fact]
    public void Segments_read_the_same_after_the_buffer_has_wrapped_and_grown()
    {
        var history = new SignalHistory(40);
        for (var s = 0; s < 30; s++)
        {
            history.Add(Window(s), Start.AddSeconds(s));
            history.ForgetBefore(Start.AddSeconds(s - 9));
        }

        for (var s = 30; s < 50; s++)
        {
            history.Add(Window(s), Start.AddSeconds(s));
        }

        var segment = new float[720];
        Assert.Equal(31 * 360, history.Length);
        Assert.True(history.TryRead(Start + SignalHistory.Seconds((45 * 360) - 5), segment));
        Assert.Equal(Enumerable.Range((45 * 360) - 5, 720).Select(i => (float)i), segment);
        Assert.True(history.TryReadNewest(segment));
        Assert.Equal((50 * 360) - 1, segment[^1]);
        Assert.False(history.TryRead(Start.AddSeconds(18.9), segment));
    }

    /// <summary>A window whose samples count up from 360 × <paramref name="second"/>.</summary>
    private static float[] Window(int second) => [.. Enumerable.Range(second * 360, 360).Select(i => (float)i)];
}
