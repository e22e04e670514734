using AtdMonitor.Cli.Commands;
using AtdMonitor.Data.Wfdb;
using AtdMonitor.Simulator.Scoring;
using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Cli.Tests.Scoring;

public sealed class RuleReferenceEpisodesTests
{
    private const double Rate = 360;

    [Fact]
    public void Reference_beats_in_ventricular_bigeminy_give_a_bigeminy_episode_and_no_trigeminy()
    {
        var symbols = Enumerable.Repeat("N", 10).Concat(Enumerable.Range(0, 16).Select(i => i % 2 == 0 ? "N" : "V")).Concat(Enumerable.Repeat("N", 10));
        var annotations = symbols.Select((s, i) => new WfdbAnnotation(i * 288L, s == "V" ? 5 : 1, s, 0, 0, 0, null)).ToList();

        var episodes = RuleReferenceEpisodes.Extract(annotations, new AlertsOptions(), Rate, long.MaxValue);

        var bigeminy = Assert.Single(episodes[ReferenceEpisodes.SameRule("bigeminy")]);
        Assert.InRange(bigeminy.Start, 10 * 288L, 26 * 288L);
        Assert.Empty(episodes[ReferenceEpisodes.SameRule("trigeminy")]);
    }

    [Fact]
    public void Bigeminy_that_resumes_after_a_couplet_is_an_episode_again_at_once_though_the_alarm_would_still_be_held_off()
    {
        // 8 N V cycles, a couplet (the pattern breaks and the alarm clears), then 16 more cycles: 25.6 s at 0.8 s per beat.
        var symbols = Enumerable.Repeat("N", 10).Concat(Bigeminy(8)).Append("V").Concat(Bigeminy(16)).Concat(Enumerable.Repeat("N", 10)).ToList();
        var annotations = symbols.Select((s, i) => new WfdbAnnotation(i * 288L, s == "V" ? 5 : 1, s, 0, 0, 0, null)).ToList();
        var options = new AlertsOptions();
        options.Bigeminy.HoldOff = TimeSpan.FromSeconds(30);
        var afterCouplet = 27 * 288L;

        var episodes = RuleReferenceEpisodes.Extract(annotations, options, Rate, long.MaxValue)[ReferenceEpisodes.SameRule("bigeminy")];

        Assert.Equal(2, episodes.Count);
        Assert.InRange(episodes[1].Start - afterCouplet, 1, (long)(7 * Rate));
        // The worker's settings are left as they were: its alarm would be held off through all 25.6 s of the second stretch.
        Assert.Equal(TimeSpan.FromSeconds(30), options.Bigeminy.HoldOff);
    }

    [Fact]
    public void The_judges_copy_of_the_settings_drops_the_hold_off_of_the_rate_and_ectopy_rules_only()
    {
        var options = new AlertsOptions();

        var judge = options.WithoutRateAndEctopyHoldOffs();

        AlertRuleOptions[] judged = [judge.Bradycardia, judge.Tachycardia, judge.Bigeminy, judge.Trigeminy, judge.PvcRate, judge.FrequentEctopy];
        Assert.Equal(RuleReferenceEpisodes.Types.Count, judged.Length);
        Assert.All(judged, rule => Assert.Equal(TimeSpan.Zero, rule.HoldOff));
        Assert.Equal(options.PvcRate.MinimumDuration, judge.PvcRate.MinimumDuration);
        Assert.Equal(options.FrequentEctopy.Beats, judge.FrequentEctopy.Beats);
        Assert.Same(options.Couplet, judge.Couplet);
        Assert.Equal(TimeSpan.FromSeconds(60), options.PvcRate.HoldOff);
    }

    [Fact]
    public void Reference_beats_at_40_bpm_give_a_bradycardia_episode()
    {
        var annotations = Enumerable.Range(0, 30).Select(i => new WfdbAnnotation(i * 540L, 1, "N", 0, 0, 0, null)).ToList();

        var episodes = RuleReferenceEpisodes.Extract(annotations, new AlertsOptions(), Rate, 30 * 540L);

        Assert.Single(episodes[ReferenceEpisodes.SameRule("bradycardia")]);
        Assert.Empty(episodes[ReferenceEpisodes.SameRule("tachycardia")]);
    }

    private static IEnumerable<string> Bigeminy(int cycles) => Enumerable.Range(0, 2 * cycles).Select(i => i % 2 == 0 ? "N" : "V");
}
