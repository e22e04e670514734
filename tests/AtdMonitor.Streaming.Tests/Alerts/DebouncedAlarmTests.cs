using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Streaming.Tests.Alerts;

public sealed class DebouncedAlarmTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Without_a_minimum_duration_the_alarm_raises_on_the_kth_vote_with_that_figure_as_its_onset()
    {
        var alarm = new DebouncedAlarm(new AlertRuleOptions { Raise = 1, Clear = 0, K = 2, N = 3 });

        Assert.Null(alarm.Update(1, Start));
        Assert.Equal(AlertState.Raise, alarm.Update(1, Start.AddSeconds(1)));
        Assert.Equal(Start.AddSeconds(1), alarm.Onset);
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
}
