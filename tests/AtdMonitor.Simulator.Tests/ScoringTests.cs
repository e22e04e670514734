using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Wfdb;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Simulator.Scoring;

namespace AtdMonitor.Simulator.Tests;

public sealed class ScoringTests
{
    private const double Rate = 360;

    [Fact]
    public void Each_reference_beat_takes_the_nearest_free_detection_within_150_ms()
    {
        long[] reference = [1000, 1300, 2000];
        long[] detected = [990, 1010, 1290, 2055, 3000];

        var pairs = BeatMatching.Match(reference, detected, Rate);

        // 2055 is 55 samples (153 ms) away: outside the 54-sample window.
        Assert.Equal([new MatchedBeat(0, 0), new MatchedBeat(1, 2)], pairs);
    }

    [Fact]
    public void Three_V_beats_in_a_row_make_a_ventricular_run_and_two_do_not()
    {
        var annotations = Beats("N", "V", "V", "V", "N", "V", "V", "N");

        var episodes = ReferenceEpisodes.Extract(annotations, Rate, 0, long.MaxValue, TimeSpan.Zero);

        Assert.Equal([new Episode(360, 1080)], episodes[ReferenceEpisodes.VentricularRun]);
        Assert.Empty(episodes[ReferenceEpisodes.Svta]);
    }

    [Fact]
    public void An_RR_interval_above_two_seconds_is_a_pause_and_rhythm_stretches_count_as_episodes()
    {
        var annotations = new List<WfdbAnnotation>
        {
            Beat(0, "N"), Beat(360, "N"), Beat(360 + 721, "N"),
            Beat(1400, "N"), Beat(1700, "N"), Rhythm(2000, "(SVTA"), Beat(2100, "N"), Beat(2400, "N"), Rhythm(2600, "(N"), Beat(2700, "N"),
        };

        var episodes = ReferenceEpisodes.Extract(annotations, Rate, 0, long.MaxValue, TimeSpan.Zero);

        Assert.Equal([new Episode(360, 1081)], episodes[ReferenceEpisodes.Pause]);
        Assert.Equal([new Episode(2000, 2600)], episodes[ReferenceEpisodes.Svta]);
    }

    [Fact]
    public void Episodes_closer_than_the_merge_gap_are_one_episode()
    {
        var annotations = Beats("V", "V", "V", "N", "V", "V", "V", "N");

        var merged = ReferenceEpisodes.Extract(annotations, Rate, 0, long.MaxValue, TimeSpan.FromSeconds(2));
        var separate = ReferenceEpisodes.Extract(annotations, Rate, 0, long.MaxValue, TimeSpan.FromSeconds(1));

        Assert.Single(merged[ReferenceEpisodes.VentricularRun]);
        Assert.Equal(2, separate[ReferenceEpisodes.VentricularRun].Count);
    }

    [Fact]
    public void Raises_and_clears_pair_into_intervals_and_an_open_alert_lasts_to_the_end()
    {
        var origin = DateTimeOffset.UnixEpoch;
        var events = new[]
        {
            Alert("bed0001", "pause", origin.AddSeconds(10), AlertState.Raise),
            Alert("bed0001", "pause", origin.AddSeconds(12), AlertState.Clear),
            Alert("bed0001", "pause", origin.AddSeconds(30), AlertState.Raise),
        };

        var intervals = AlertInterval.FromEvents(events, (_, t) => (long)((t - origin).TotalSeconds * Rate), 100 * 360);

        Assert.Equal([new Episode(3600, 4320), new Episode(10800, 36000)], intervals.Select(i => i.Span));
    }

    [Fact]
    public void Escalation_and_acknowledgement_events_neither_start_nor_end_an_alert_interval()
    {
        var origin = DateTimeOffset.UnixEpoch;
        var events = new[]
        {
            Alert("bed0001", "asystole", origin.AddSeconds(10), AlertState.Raise),
            Alert("bed0001", "asystole", origin.AddSeconds(11), AlertState.Escalate),
            Alert("bed0001", "asystole", origin.AddSeconds(12), AlertState.Acknowledge),
            Alert("bed0001", "asystole", origin.AddSeconds(20), AlertState.Clear),
        };

        var intervals = AlertInterval.FromEvents(events, (_, t) => (long)((t - origin).TotalSeconds * Rate), 100 * 360);

        Assert.Equal([new Episode(3600, 7200)], intervals.Select(i => i.Span));
    }

    [Fact]
    public void Episode_sensitivity_alert_PPV_and_false_alerts_per_hour_follow_from_the_overlaps()
    {
        var scoring = new AlertScoring(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), Rate);
        var episodes = new Dictionary<string, IReadOnlyList<Episode>>
        {
            [ReferenceEpisodes.VentricularRun] = [new Episode(3600, 4000), new Episode(36000, 36500)],
        };
        var alerts = new[]
        {
            new AlertInterval("bed0001", "ventricular_run", new Episode(4000 + (4 * 360), 5000)), // 4 s after the end: detected
            new AlertInterval("bed0001", "ventricular_run", new Episode(100_000, 100_100)), // nowhere near an episode: false
            new AlertInterval("bed0001", "bradycardia", new Episode(200_000, 200_100)),
        };

        scoring.AddBed("bed0001", episodes, alerts, TimeSpan.FromMinutes(30));
        var scores = scoring.Scores().ToDictionary(s => s.AlertType);

        var run = scores["ventricular_run"];
        Assert.Equal((2, 1, 2, 1), (run.Episodes, run.DetectedEpisodes, run.Alerts, run.TrueAlerts));
        Assert.Equal(0.5, run.EpisodeSensitivity);
        Assert.Equal(0.5, run.PositivePredictiveValue);
        Assert.Equal(2.0, run.FalseAlertsPerHour);
        Assert.Null(scores["bradycardia"].Reference);
        Assert.Equal(2.0, scores["bradycardia"].FalseAlertsPerHour);
    }

    private static List<WfdbAnnotation> Beats(params string[] symbols) =>
        [.. symbols.Select((s, i) => Beat(i * 360, s))];

    private static WfdbAnnotation Beat(long sample, string symbol) =>
        new(sample, symbol switch { "V" => 5, "A" => 8, _ => 1 }, symbol, 0, 0, 0, null);

    private static WfdbAnnotation Rhythm(long sample, string aux) => new(sample, ReferenceEpisodes.RhythmCode, "+", 0, 0, 0, aux);

    private static AlertMessage Alert(string bed, string type, DateTimeOffset time, AlertState state) => new(bed, time, type, state, type, 0);
}
