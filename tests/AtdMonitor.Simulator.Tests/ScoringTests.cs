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
    public void A_fast_run_of_five_V_beats_is_a_ventricular_run_and_one_of_six_is_ventricular_tachycardia_never_both()
    {
        // Beats 150 samples apart (144 bpm): N, 5 V, 4 N, 6 V, N.
        string[] symbols = ["N", "V", "V", "V", "V", "V", "N", "N", "N", "N", "V", "V", "V", "V", "V", "V", "N"];
        var annotations = symbols.Select((symbol, i) => Beat(i * 150, symbol)).ToList();

        var episodes = ReferenceEpisodes.Extract(annotations, Rate, 0, long.MaxValue, TimeSpan.Zero, tachycardiaBeats: 6);

        Assert.Equal([new Episode(150, 750)], episodes[ReferenceEpisodes.VentricularRun]);
        Assert.Equal([new Episode(1500, 2250)], episodes[ReferenceEpisodes.VentricularTachycardia]);
    }

    [Fact]
    public void A_slow_run_of_six_V_beats_is_a_ventricular_run_not_ventricular_tachycardia()
    {
        var annotations = Beats("N", "V", "V", "V", "V", "V", "V", "N");

        var episodes = ReferenceEpisodes.Extract(annotations, Rate, 0, long.MaxValue, TimeSpan.Zero);

        Assert.Equal([new Episode(360, 2160)], episodes[ReferenceEpisodes.VentricularRun]);
        Assert.Empty(episodes[ReferenceEpisodes.VentricularTachycardia]);
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
    public void An_alert_interval_starts_at_the_detectors_onset_but_a_latched_alarms_returning_condition_starts_at_its_raise()
    {
        var origin = DateTimeOffset.UnixEpoch;
        var events = new[]
        {
            Alert("bed0001", "atrial_fibrillation", origin.AddSeconds(40), AlertState.Raise) with { Onset = origin.AddSeconds(10) },
            Alert("bed0001", "atrial_fibrillation", origin.AddSeconds(50), AlertState.Clear),
            Alert("bed0001", "ventricular_tachycardia", origin.AddSeconds(10), AlertState.Raise) with { Onset = origin.AddSeconds(10) },
            Alert("bed0001", "ventricular_tachycardia", origin.AddSeconds(12), AlertState.Clear),
            Alert("bed0001", "ventricular_tachycardia", origin.AddSeconds(30), AlertState.Raise) with { Onset = origin.AddSeconds(10) },
            Alert("bed0001", "ventricular_tachycardia", origin.AddSeconds(31), AlertState.Clear),
        };

        var intervals = AlertInterval.FromEvents(events, (_, t) => (long)((t - origin).TotalSeconds * Rate), 100 * 360).ToDictionary(i => (i.Type, Second: (long)(i.Span.Start / Rate)), i => i.Span);

        Assert.Equal(new Episode(3600, 18000), intervals[("atrial_fibrillation", 10L)]);
        Assert.Equal(new Episode(10800, 11160), intervals[("ventricular_tachycardia", 30L)]);
    }

    [Fact]
    public void An_alert_interval_ends_at_the_end_its_detector_dated_the_condition_to_never_before_it_starts()
    {
        var origin = DateTimeOffset.UnixEpoch;
        var events = new[]
        {
            Alert("bed0001", "atrial_fibrillation", origin.AddSeconds(40), AlertState.Raise) with { Onset = origin.AddSeconds(10) },
            Alert("bed0001", "atrial_fibrillation", origin.AddSeconds(80), AlertState.Clear) with { End = origin.AddSeconds(70) },
            Alert("bed0001", "tachycardia", origin.AddSeconds(40), AlertState.Raise),
            Alert("bed0001", "tachycardia", origin.AddSeconds(45), AlertState.Clear) with { End = origin.AddSeconds(30) },
        };

        var intervals = AlertInterval.FromEvents(events, (_, t) => (long)((t - origin).TotalSeconds * Rate), 100 * 360).ToDictionary(i => i.Type, i => i.Span);

        Assert.Equal(new Episode(3600, 70 * 360), intervals["atrial_fibrillation"]);
        Assert.Equal(new Episode(40 * 360, 40 * 360), intervals["tachycardia"]);
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
            new AlertInterval("bed0001", "signal_quality", new Episode(200_000, 200_100)),
        };

        scoring.AddBed("bed0001", episodes, alerts, TimeSpan.FromMinutes(30));
        var scores = scoring.Scores().ToDictionary(s => s.AlertType);

        var run = scores["ventricular_run"];
        Assert.Equal((2, 1, 2, 1), (run.Episodes, run.DetectedEpisodes, run.Alerts, run.TrueAlerts));
        Assert.Equal(0.5, run.EpisodeSensitivity);
        Assert.Equal(0.5, run.PositivePredictiveValue);
        Assert.Equal(2.0, run.FalseAlertsPerHour);
        Assert.Null(scores["signal_quality"].Reference);
        Assert.Equal(2.0, scores["signal_quality"].FalseAlertsPerHour);
        Assert.Equal(0, scores["bradycardia"].Episodes);
        Assert.Equal(ReferenceEpisodes.SameRule("bradycardia"), scores["bradycardia"].Reference);
    }

    [Fact]
    public void The_false_alarms_are_the_alerts_that_overlap_no_episode_of_their_type_and_never_technical_ones()
    {
        var scoring = new AlertScoring(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), Rate);
        var episodes = new Dictionary<string, IReadOnlyList<Episode>> { [ReferenceEpisodes.VentricularRun] = [new Episode(3600, 4000)] };
        var alerts = new[]
        {
            new AlertInterval("bed0001", "ventricular_run", new Episode(100_000, 100_100)),
            new AlertInterval("bed0001", "signal_quality", new Episode(200_000, 200_100)),
            new AlertInterval("bed0001", "ventricular_run", new Episode(4000, 4100)),
            new AlertInterval("bed0001", "couplet", new Episode(3700, 3800)), // during a run, but no couplet episode
            new AlertInterval("bed0001", "bed_silent", new Episode(300_000, 303_600)),
        };

        scoring.AddBed("bed0001", episodes, alerts, TimeSpan.FromMinutes(30));

        Assert.Equal([alerts[3], alerts[0]], scoring.FalseAlerts("bed0001"));
    }

    [Fact]
    public void The_false_clinical_alarms_count_every_non_technical_type_and_neither_signal_quality_nor_bed_silent()
    {
        var scoring = new AlertScoring(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), Rate);
        var episodes = new Dictionary<string, IReadOnlyList<Episode>> { [ReferenceEpisodes.VentricularRun] = [new Episode(3600, 4000)] };
        var alerts = new[]
        {
            new AlertInterval("bed0001", "ventricular_run", new Episode(3700, 3800)), // true
            new AlertInterval("bed0001", "ventricular_run", new Episode(100_000, 100_100)), // false
            new AlertInterval("bed0001", "forecast_high", new Episode(150_000, 150_100)), // no reference: nothing judged it true
            new AlertInterval("bed0001", "signal_quality", new Episode(200_000, 200_100)),
            new AlertInterval("bed0001", "bed_silent", new Episode(300_000, 303_600)),
        };

        scoring.AddBed("bed0001", episodes, alerts, TimeSpan.FromMinutes(30));
        scoring.AddBed("bed0002", episodes, [new AlertInterval("bed0002", "couplet", new Episode(1000, 1100))], TimeSpan.FromMinutes(30));

        Assert.Equal((2, 1, 3), (scoring.FalseClinicalAlerts("bed0001"), scoring.FalseClinicalAlerts("bed0002"), scoring.FalseClinicalAlerts()));
    }

    [Fact]
    public void The_missed_episodes_are_those_of_the_asked_types_that_no_alert_of_their_type_covered()
    {
        var scoring = new AlertScoring(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), Rate);
        var episodes = new Dictionary<string, IReadOnlyList<Episode>>
        {
            [ReferenceEpisodes.VentricularTachycardia] = [new Episode(36_000, 37_000), new Episode(3600, 4000)],
            [ReferenceEpisodes.Couplet] = [new Episode(50_000, 50_200)],
        };
        var alerts = new[]
        {
            new AlertInterval("bed0001", "ventricular_tachycardia", new Episode(3700, 4100)),
            new AlertInterval("bed0001", "ventricular_run", new Episode(36_100, 36_500)), // another type: VT still missed
        };

        scoring.AddBed("bed0001", episodes, alerts, TimeSpan.FromMinutes(30));

        Assert.Equal([("ventricular_tachycardia", new Episode(36_000, 37_000))], scoring.MissedEpisodes("bed0001", ["ventricular_tachycardia", "svt"]));
    }

    [Fact]
    public void A_missed_episode_is_announced_only_when_a_technical_alert_of_its_bed_was_active_during_it()
    {
        var scoring = new AlertScoring(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), Rate);
        var episodes = new Dictionary<string, IReadOnlyList<Episode>>
        {
            [ReferenceEpisodes.Asystole] =
                [new Episode(36_000, 37_800), new Episode(72_000, 73_800), new Episode(108_000, 109_800), new Episode(144_000, 145_800), new Episode(180_000, 181_800)],
        };
        var alerts = new[]
        {
            new AlertInterval("bed0001", "signal_quality", new Episode(35_000, 36_500)), // began before the first asystole, still up in it
            new AlertInterval("bed0001", "couplet", new Episode(72_100, 72_200)), // not technical: the second stays silent
            new AlertInterval("bed0001", "signal_quality", new Episode(107_000, 107_900)), // ended 100 samples before the third began
            new AlertInterval("bed0001", "signal_quality", new Episode(145_900, 147_000)), // began 100 samples after the fourth ended
            new AlertInterval("bed0001", "bed_silent", new Episode(181_000, 182_000)), // the bed went silent inside the fifth
        };

        scoring.AddBed("bed0001", episodes, alerts, TimeSpan.FromMinutes(30));
        scoring.AddBed("bed0002", episodes, [new AlertInterval("bed0002", "signal_quality", new Episode(72_000, 73_800))], TimeSpan.FromMinutes(30));

        Assert.True(scoring.AnnouncedAsTechnical("bed0001", new Episode(36_000, 37_800)));
        Assert.False(scoring.AnnouncedAsTechnical("bed0001", new Episode(72_000, 73_800)));
        Assert.False(scoring.AnnouncedAsTechnical("bed0001", new Episode(108_000, 109_800)));
        Assert.False(scoring.AnnouncedAsTechnical("bed0001", new Episode(144_000, 145_800)));
        Assert.True(scoring.AnnouncedAsTechnical("bed0001", new Episode(180_000, 181_800)));
        Assert.True(scoring.AnnouncedAsTechnical("bed0002", new Episode(72_000, 73_800)));
    }

    [Fact]
    public void The_audit_gives_every_alert_its_verdict_and_every_episode_detected_or_missed_in_time_order()
    {
        var scoring = new AlertScoring(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), Rate);
        var episodes = new Dictionary<string, IReadOnlyList<Episode>>
        {
            [ReferenceEpisodes.VentricularRun] = [new Episode(3600, 4000), new Episode(36_000, 36_500)],
        };
        var alerts = new[]
        {
            new AlertInterval("bed0001", "ventricular_run", new Episode(3700, 3800)),
            new AlertInterval("bed0001", "ventricular_run", new Episode(100_000, 100_100)),
            new AlertInterval("bed0001", "signal_quality", new Episode(200_000, 200_100)),
            new AlertInterval("bed0001", "forecast_high", new Episode(300_000, 300_100)),
        };

        scoring.AddBed("bed0001", episodes, alerts, TimeSpan.FromMinutes(30));

        Assert.Equal(
            [
                new JudgedStretch("episode", "ventricular_run", new Episode(3600, 4000), "detected"),
                new JudgedStretch("alert", "ventricular_run", new Episode(3700, 3800), "true"),
                new JudgedStretch("episode", "ventricular_run", new Episode(36_000, 36_500), "missed"),
                new JudgedStretch("alert", "ventricular_run", new Episode(100_000, 100_100), "false"),
                new JudgedStretch("alert", "signal_quality", new Episode(200_000, 200_100), "technical"),
                new JudgedStretch("alert", "forecast_high", new Episode(300_000, 300_100), "unscored"),
            ],
            scoring.Judged("bed0001"));
    }

    [Fact]
    public void The_reference_context_names_the_rhythm_in_force_and_whether_lead_0_is_marked_noisy()
    {
        var annotations = new List<WfdbAnnotation>
        {
            Rhythm(0, "(N\0"), Beat(100, "N"), Rhythm(1000, "(AFL"), Noise(2000, 0x01), Noise(3000, 0x02), Noise(4000, -1),
        };

        Assert.Equal(
            ["?", "N", "AFL", "AFL, lead 0 noisy", "AFL", "AFL, lead 0 noisy"],
            new long[] { -1, 500, 1500, 2500, 3500, 4500 }.Select(sample => ReferenceContext.Describe(annotations, sample)));
    }

    [Fact]
    public void Couplets_fast_runs_af_flutter_vf_and_asystole_come_from_the_annotations()
    {
        var annotations = new List<WfdbAnnotation>
        {
            Beat(0, "N"), Beat(300, "V"), Beat(450, "V"), Beat(700, "N"), // couplet
            Beat(1000, "V"), Beat(1150, "V"), Beat(1300, "V"), Beat(1600, "N"), // fast run: 144 bpm
            Beat(2000, "V"), Beat(2400, "V"), Beat(2800, "V"), Beat(3200, "N"), // slow run: 54 bpm
            Rhythm(4000, "(AFIB"), Beat(4100, "N"), Rhythm(5000, "(AFL"), Beat(5100, "N"), Rhythm(6000, "(N"),
            Beat(6100, "N"), Rhythm(6200, "(VFL"), Rhythm(7000, "(N"), Beat(7100, "N"), Beat(7100 + 1500, "N"),
        };

        var episodes = ReferenceEpisodes.Extract(annotations, Rate, 0, long.MaxValue, TimeSpan.Zero, tachycardiaBeats: 3);

        Assert.Equal([new Episode(300, 450)], episodes[ReferenceEpisodes.Couplet]);
        Assert.Equal([new Episode(2000, 2800)], episodes[ReferenceEpisodes.VentricularRun]);
        Assert.Equal([new Episode(1000, 1300)], episodes[ReferenceEpisodes.VentricularTachycardia]);
        Assert.Equal([new Episode(4000, 6000)], episodes[ReferenceEpisodes.AtrialFibrillation]); // AF then flutter: one episode
        Assert.Equal([new Episode(6200, 7000)], episodes[ReferenceEpisodes.VentricularFibrillation]);
        Assert.Equal([new Episode(7100, 8600)], episodes[ReferenceEpisodes.Asystole]);
    }

    [Fact]
    public void The_beatless_stretch_of_ventricular_flutter_is_neither_a_pause_nor_asystole()
    {
        var annotations = new List<WfdbAnnotation>
        {
            Beat(0, "N"), Beat(360, "N"), Rhythm(400, "(VFL"), Rhythm(4000, "(N"), Beat(4100, "N"), Beat(4460, "N"),
        };

        var episodes = ReferenceEpisodes.Extract(annotations, Rate, 0, long.MaxValue, TimeSpan.Zero);

        Assert.Single(episodes[ReferenceEpisodes.VentricularFibrillation]);
        Assert.Empty(episodes[ReferenceEpisodes.Pause]);
        Assert.Empty(episodes[ReferenceEpisodes.Asystole]);
    }

    [Fact]
    public void Duration_sensitivity_and_predictivity_are_the_overlap_over_the_reference_and_over_the_alerts()
    {
        var score = DurationScore.Of([new Episode(0, 1000), new Episode(2000, 3000)], [new Episode(500, 2500)]);

        Assert.Equal((2000L, 2000L, 1000L), (score.Reference, score.Alerted, score.Overlap));
        Assert.Equal(0.5, score.Sensitivity);
        Assert.Equal(0.5, score.PositivePredictivity);
    }

    [Fact]
    public void Runs_are_found_per_length_category_and_must_overlap_a_run_of_the_same_category()
    {
        (long, string)[] reference = [(0, "N"), (100, "V"), (200, "V"), (300, "N"), (400, "V"), (500, "V"), (600, "V"), (700, "N")];
        (long, string)[] detected = [(0, "N"), (100, "V"), (200, "V"), (300, "N"), (400, "V"), (500, "V"), (600, "N"), (700, "N")];

        var couplets = RunDetectionScore.Of(reference, detected, "V", 2, 2, 54);
        var shortRuns = RunDetectionScore.Of(reference, detected, "V", 3, 5, 54);

        Assert.Equal(new RunDetectionScore(1, 1, 2, 1), couplets);
        Assert.Equal(new RunDetectionScore(1, 0, 0, 0), shortRuns);
    }

    [Fact]
    public void A_missed_beat_counts_against_VEB_sensitivity_and_an_extra_V_against_predictivity()
    {
        string[] reference = ["N", "V", "V", "N"];
        string[] detected = ["N", "V", "V", "V"];
        MatchedBeat[] matches = [new(0, 0), new(1, 1), new(3, 2)]; // reference V #2 missed; detection 3 is extra

        var score = ClassDetectionScore.Of(reference, detected, matches, "V");

        Assert.Equal(new ClassDetectionScore(1, 1, 2), score);
    }

    private static List<WfdbAnnotation> Beats(params string[] symbols) =>
        [.. symbols.Select((s, i) => Beat(i * 360, s))];

    private static WfdbAnnotation Beat(long sample, string symbol) =>
        new(sample, symbol switch { "V" => 5, "A" => 8, _ => 1 }, symbol, 0, 0, 0, null);

    private static WfdbAnnotation Rhythm(long sample, string aux) => new(sample, ReferenceEpisodes.RhythmCode, "+", 0, 0, 0, aux);

    private static WfdbAnnotation Noise(long sample, int subType) => new(sample, ReferenceContext.NoiseCode, "~", subType, 0, 0, null);

    private static AlertMessage Alert(string bed, string type, DateTimeOffset time, AlertState state) => new(bed, time, type, state, type, 0);
}
