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
    public void Reference_beats_at_40_bpm_give_a_bradycardia_episode()
    {
        var annotations = Enumerable.Range(0, 30).Select(i => new WfdbAnnotation(i * 540L, 1, "N", 0, 0, 0, null)).ToList();

        var episodes = RuleReferenceEpisodes.Extract(annotations, new AlertsOptions(), Rate, 30 * 540L);

        Assert.Single(episodes[ReferenceEpisodes.SameRule("bradycardia")]);
        Assert.Empty(episodes[ReferenceEpisodes.SameRule("tachycardia")]);
    }
}
