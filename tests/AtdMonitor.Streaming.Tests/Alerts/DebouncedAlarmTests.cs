using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Streaming.Tests.Alerts;

public sealed class DebouncedAlarmTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Without_a_minimum_duration_the_alarm_raises_on_the_kth_vote_with_the_first_of_the_k_figures_as_its_onset()
    {
        var alarm = new DebouncedAlarm(new AlertRuleOptions { Raise = 2, Clear = 0, K = 2, N = 3 });

        Assert.Null(alarm.Update(0, Start));
        Assert.Null(alarm.Update(2, Start.AddSeconds(1)));
        Assert.Equal(AlertState.Raise, alarm.Update(2, Start.AddSeconds(2)));
        Assert.Equal(Start.AddSeconds(1), alarm.Onset);
    }

    [Fact]
    public void Figures_that_describe_an_earlier_time_date_the_onset_and_end_to_it_but_never_an_onset_before_the_last_clear()
    {
        var alarm = new DebouncedAlarm(new AlertRuleOptions { Raise = 1, Clear = 0, K = 2, N = 2, HoldOff = TimeSpan.Zero });
        AlertState? Figure(double value, int second) => alarm.Update(value, Start.AddSeconds(second), describes: Start.AddSeconds(second - 10));

        Assert.Null(Figure(1, 20));
        Assert.Equal(AlertState.Raise, Figure(1, 21));
        Assert.Equal(Start.AddSeconds(10), alarm.Onset);
        Assert.Null(Figure(0, 30));
        Assert.Equal(AlertState.Clear, Figure(0, 31));
        Assert.Equal(Start.AddSeconds(20), alarm.End);
        // Raised again 4 s after that clear: its figures describe 6 s before the clear, so the onset is the clear's time.
        Assert.Null(Figure(1, 34));
        Assert.Equal(AlertState.Raise, Figure(1, 35));
        Assert.Equal(Start.AddSeconds(31), alarm.Onset);
    }

    [Fact]
    public void An_episode_whose_onset_was_moved_to_the_last_clear_never_ends_before_that_onset()
    {
        // No hold-off (allowed for AF): raised again 4 s after a clear, its onset is that clear's time; its first clear
        // figure describes a time 10 s before it was cast, before that onset.
        var alarm = new DebouncedAlarm(new AlertRuleOptions { Raise = 1, Clear = 0, K = 2, N = 2, HoldOff = TimeSpan.Zero });
        AlertState? Figure(double value, int second) => alarm.Update(value, Start.AddSeconds(second), describes: Start.AddSeconds(second - 10));
        Assert.Equal([null, AlertState.Raise, null, AlertState.Clear, null, AlertState.Raise], new[] { (1, 20), (1, 21), (0, 30), (0, 31), (1, 34), (1, 35) }.Select(f => Figure(f.Item1, f.Item2)));
        Assert.Equal(Start.AddSeconds(31), alarm.Onset);

        Assert.Null(Figure(0, 36));
        var state = Figure(0, 37);

        Assert.Equal(AlertState.Clear, state);
        Assert.True(alarm.End >= Start.AddSeconds(31), $"end {alarm.End:T} before the onset {Start.AddSeconds(31):T}");
    }

    [Fact]
    public void After_the_device_clock_steps_back_a_raise_is_dated_by_its_own_figures_not_to_the_last_clear_before_the_step()
    {
        var alarm = new DebouncedAlarm(new AlertRuleOptions { Raise = 1, Clear = 0, K = 1, N = 1, HoldOff = TimeSpan.FromSeconds(10) });
        var beforeStep = Start.AddHours(1);
        Assert.Equal(AlertState.Raise, alarm.Update(1, beforeStep));
        Assert.Equal(AlertState.Clear, alarm.Update(0, beforeStep.AddSeconds(5)));

        // The device's clock steps back an hour: the bed's monitor forgets the votes and ends the hold-off (BedAlertMonitor).
        alarm.ResetVotes();
        alarm.EndHoldOff();

        Assert.Equal(AlertState.Raise, alarm.Update(1, Start.AddSeconds(10)));
        Assert.Equal(Start.AddSeconds(10), alarm.Onset);
    }

    [Fact]
    public void A_clear_with_its_own_k_of_n_waits_for_that_many_clear_votes_and_the_next_raise_counts_k_of_n_again()
    {
        var alarm = new DebouncedAlarm(new AlertRuleOptions { Raise = 1, Clear = 0, K = 2, N = 3, ClearK = 4, ClearN = 5, HoldOff = TimeSpan.Zero });
        var figures = new[] { 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1 };

        var states = figures.Select((figure, s) => alarm.Update(figure, Start.AddSeconds(s))).ToList();

        // Raised on the 2nd figure. Two clear votes of three (figure 3) would clear it with the raise's K of N; it
        // clears on the first figure with four clear votes among the last five (9), then two of three raise it again.
        Assert.Equal([null, AlertState.Raise, null, null, null, null, null, null, null, AlertState.Clear, null, AlertState.Raise], states);
    }

    [Fact]
    public void A_clear_dates_the_end_of_the_condition_to_the_first_of_the_k_figures_whose_votes_cleared_it()
    {
        var alarm = new DebouncedAlarm(new AlertRuleOptions { Raise = 1, Clear = 0, K = 3, N = 4, HoldOff = TimeSpan.Zero });
        var states = new[] { 1, 1, 1, 0, 1, 0, 0 }.Select((figure, s) => alarm.Update(figure, Start.AddSeconds(s))).ToList();

        Assert.Equal([null, null, AlertState.Raise, null, null, null, AlertState.Clear], states);
        var cleared = alarm.Event("bed-01", Start.AddSeconds(6), "atrial_fibrillation", AlertState.Clear, "ended", 0);
        Assert.Equal((Start.AddSeconds(3), (DateTimeOffset?)null), (cleared.End!.Value, cleared.Onset));

        alarm.Update(1, Start.AddSeconds(7));
        alarm.Update(1, Start.AddSeconds(8));
        Assert.Equal(AlertState.Raise, alarm.Update(1, Start.AddSeconds(9)));
        Assert.Null(alarm.Event("bed-01", Start.AddSeconds(9), "atrial_fibrillation", AlertState.Raise, "again", 1).End);
    }

    [Fact]
    public void Votes_cast_during_the_hold_off_raise_once_it_ends_dated_no_earlier_than_its_end()
    {
        var alarm = new DebouncedAlarm(new AlertRuleOptions { Raise = 2, Clear = 0, K = 2, N = 3, HoldOff = TimeSpan.FromSeconds(10) });
        var states = new[] { 2, 2, 0, 0 }.Select((figure, s) => alarm.Update(figure, Start.AddSeconds(s))).ToList();
        Assert.Equal([null, AlertState.Raise, null, AlertState.Clear], states);

        // Two raise votes inside the hold-off (until 13 s), then a figure below the threshold as it ends: k of n still hold.
        Assert.Null(alarm.Update(2, Start.AddSeconds(11)));
        Assert.Null(alarm.Update(2, Start.AddSeconds(12)));
        Assert.Equal(AlertState.Raise, alarm.Update(0, Start.AddSeconds(13)));
        Assert.Equal(Start.AddSeconds(13), alarm.Onset);
    }

    [Fact]
    public void With_a_minimum_duration_the_alarm_raises_once_the_votes_held_that_long_and_dates_its_onset_back_to_their_start()
    {
        var alarm = new DebouncedAlarm(new AlertRuleOptions { Raise = 1, Clear = 0, K = 1, N = 1, MinimumDuration = TimeSpan.FromSeconds(20) });

        var raisedAt = Enumerable.Range(0, 30).FirstOrDefault(s => alarm.Update(1, Start.AddSeconds(s)) == AlertState.Raise);

        Assert.Equal(20, raisedAt);
        Assert.Equal(Start, alarm.Onset);
    }

    [Fact]
    public void A_figure_below_the_raise_threshold_restarts_the_minimum_duration()
    {
        var alarm = new DebouncedAlarm(new AlertRuleOptions { Raise = 1, Clear = 0, K = 1, N = 1, MinimumDuration = TimeSpan.FromSeconds(20) });

        var raisedAt = Enumerable.Range(0, 40).FirstOrDefault(s => alarm.Update(s == 15 ? 0 : 1, Start.AddSeconds(s)) == AlertState.Raise);

        Assert.Equal(36, raisedAt);
        Assert.Equal(Start.AddSeconds(16), alarm.Onset);
    }

    [Fact]
    public void A_muted_figure_restarts_the_minimum_duration_so_it_passes_on_figures_that_could_raise()
    {
        var alarm = new DebouncedAlarm(new AlertRuleOptions { Raise = 1, Clear = 0, K = 1, N = 1, MinimumDuration = TimeSpan.FromSeconds(20) });

        var raisedAt = Enumerable.Range(0, 50).FirstOrDefault(s => alarm.Update(1, Start.AddSeconds(s), suppressRaise: s == 19) == AlertState.Raise);

        Assert.Equal(40, raisedAt);
        Assert.Equal(Start.AddSeconds(20), alarm.Onset);
    }

    [Fact]
    public void Clearing_forgets_the_onset_and_the_next_raise_has_its_own()
    {
        var alarm = new DebouncedAlarm(new AlertRuleOptions { Raise = 1, Clear = 0, K = 1, N = 1, HoldOff = TimeSpan.Zero, MinimumDuration = TimeSpan.FromSeconds(5) });
        var transitions = Enumerable.Range(0, 30)
            .Select(s => (Second: s, State: alarm.Update(s is >= 10 and < 15 ? 0 : 1, Start.AddSeconds(s)), alarm.Onset))
            .Where(t => t.State is not null)
            .ToList();

        Assert.Equal(
            [(5, AlertState.Raise, Start), (10, AlertState.Clear, null), (20, AlertState.Raise, Start.AddSeconds(15))],
            transitions.Select(t => (t.Second, t.State!.Value, t.Onset)));
    }

    [Fact]
    public void The_raise_votes_are_pending_while_they_wait_and_a_gap_in_the_stream_forgets_them()
    {
        var alarm = new DebouncedAlarm(new AlertRuleOptions { Raise = 1, Clear = 0, K = 1, N = 1, MinimumDuration = TimeSpan.FromSeconds(20) });
        alarm.Update(1, Start);
        alarm.Update(1, Start.AddSeconds(10));
        Assert.True(alarm.Pending);

        alarm.ResetVotes();

        Assert.False(alarm.Pending);
        Assert.Null(alarm.Update(1, Start.AddSeconds(20)));
        Assert.Equal(AlertState.Raise, alarm.Update(1, Start.AddSeconds(40)));
        Assert.Equal(Start.AddSeconds(20), alarm.Onset);
    }

    [Fact]
    public void The_minimum_duration_starts_after_the_hold_off_and_with_k_of_n_it_holds_while_k_votes_do()
    {
        var alarm = new DebouncedAlarm(new AlertRuleOptions { Raise = 1, Clear = 0, K = 2, N = 3, HoldOff = TimeSpan.FromSeconds(10), MinimumDuration = TimeSpan.FromSeconds(10) });
        var transitions = Enumerable.Range(0, 60)
            .Select(s => (Second: s, State: alarm.Update(Figure(s), Start.AddSeconds(s)), alarm.Onset))
            .Where(t => t.State is not null)
            .ToList();

        // Raised at 11 (votes since 1, the condition since 0), cleared at 13, held off until 23; the votes (2 of the last
        // 3, one figure of 0 among them at 30) then hold from 23 and raise 10 s later, dated no earlier than the hold-off's end.
        Assert.Equal(
            [(11, AlertState.Raise, Start), (13, AlertState.Clear, null), (33, AlertState.Raise, Start.AddSeconds(23))],
            transitions.Take(3).Select(t => (t.Second, t.State!.Value, t.Onset)));

        static double Figure(int second) => second switch
        {
            < 12 => 1,
            12 or 13 => 0,
            30 => 0,
            _ => 1,
        };
    }
}
