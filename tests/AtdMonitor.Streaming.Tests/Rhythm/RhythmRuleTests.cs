using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Streaming.Tests.Rhythm;

public sealed class RhythmRuleTests
{
    [Fact]
    public void Four_fast_ventricular_beats_are_a_run_not_ventricular_tachycardia()
    {
        var ecg = new SyntheticEcg(40);
        var t = ecg.AddBeats(0, 20, 0.8);
        t = ecg.AddBeats(t, 4, 0.45, "V");
        ecg.AddBeats(t, 15, 0.8);

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats);

        var run = Assert.Single(events.Raised(AlertTypes.VentricularRun));
        Assert.Equal(4, run.Value);
        Assert.Contains(events, e => e.Type == AlertTypes.VentricularRun && e.State == AlertState.Clear);
        Assert.Empty(events.Raised(AlertTypes.VentricularTachycardia));
        Assert.Empty(events.Raised(AlertTypes.Couplet));
    }

    [Fact]
    public void A_second_ventricular_tachycardia_two_sinus_beats_after_the_first_is_raised_again()
    {
        var ecg = new SyntheticEcg(50);
        var t = ecg.AddBeats(0, 20, 0.8);
        t = ecg.AddBeats(t, 8, 0.45, "V");
        t = ecg.AddBeats(t, 2, 0.8);
        ecg.AddBeats(ecg.AddBeats(t, 12, 0.45, "V"), 15, 0.8); // 5.4 s of VT at 133 bpm, inside what a 10-s hold-off would cover

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats);

        Assert.Equal(2, events.Raised(AlertTypes.VentricularTachycardia).Count);
    }

    [Fact]
    public void Eight_fast_ventricular_beats_are_ventricular_tachycardia_and_not_also_a_run()
    {
        var ecg = new SyntheticEcg(40);
        var t = ecg.AddBeats(0, 20, 0.8);
        t = ecg.AddBeats(t, 8, 0.45, "V");
        ecg.AddBeats(t, 15, 0.8);

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats);

        Assert.Single(events.Raised(AlertTypes.VentricularTachycardia));
        Assert.Contains(events, e => e.Type == AlertTypes.VentricularTachycardia && e.State == AlertState.Clear);
        Assert.Empty(events.Raised(AlertTypes.VentricularRun));
    }

    [Fact]
    public void A_long_slow_ventricular_run_is_a_run_before_it_ends()
    {
        var ecg = new SyntheticEcg(60);
        var t = ecg.AddBeats(0, 20, 0.8);
        var onset = t;
        t = ecg.AddBeats(t, 20, 0.75, "V");
        ecg.AddBeats(t, 15, 0.8);

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats);

        var run = Assert.Single(events.Raised(AlertTypes.VentricularRun));
        Assert.True((run.Time - RhythmReplay.Start).TotalSeconds < onset + 6, $"raised at {(run.Time - RhythmReplay.Start).TotalSeconds:0.0} s, run from {onset:0.0} s");
        Assert.Empty(events.Raised(AlertTypes.VentricularTachycardia));
    }

    [Fact]
    public void A_slow_ventricular_run_is_a_run_but_not_tachycardia()
    {
        var ecg = new SyntheticEcg(40);
        var t = ecg.AddBeats(0, 20, 0.8);
        t = ecg.AddBeats(t, 4, 0.9, "V");
        ecg.AddBeats(t, 15, 0.8);

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats);

        Assert.Single(events.Raised(AlertTypes.VentricularRun));
        Assert.Empty(events.Raised(AlertTypes.VentricularTachycardia));
    }

    [Fact]
    public void One_unclassifiable_beat_inside_a_run_does_not_cut_it_but_two_do()
    {
        var tolerant = new SyntheticEcg(40);
        var t = tolerant.AddBeats(0, 20, 0.8);
        t = tolerant.AddBeats(t, 3, 0.45, "V");
        t = tolerant.AddBeats(t, 1, 0.45, "Q");
        t = tolerant.AddBeats(t, 3, 0.45, "V");
        tolerant.AddBeats(t, 15, 0.8);

        var broken = new SyntheticEcg(40);
        t = broken.AddBeats(0, 20, 0.8);
        t = broken.AddBeats(t, 3, 0.45, "V");
        t = broken.AddBeats(t, 2, 0.45, "Q");
        t = broken.AddBeats(t, 3, 0.45, "V");
        broken.AddBeats(t, 15, 0.8);

        // VT raises at the run's 6th beat, across the unclassifiable one; the run's mean V probability counts it too:
        // (5 x 0.9 + 0.2) / 6 = 0.78, above the 0.6 default.
        var run = Assert.Single(RhythmReplay.Run(tolerant.Samples, tolerant.Beats).Raised(AlertTypes.VentricularTachycardia));
        Assert.Equal(6, run.Value);
        Assert.Empty(RhythmReplay.Run(broken.Samples, broken.Beats).Raised(AlertTypes.VentricularTachycardia));
    }

    [Fact]
    public void A_fast_ventricular_run_whose_beats_lead_1_does_not_show_is_no_tachycardia_when_the_rule_asks_for_lead_1()
    {
        var ecg = new SyntheticEcg(40);
        var t = ecg.AddBeats(0, 20, 0.8);
        t = ecg.AddBeats(t, 8, 0.45, "V");
        ecg.AddBeats(t, 15, 0.8);
        // Every third beat of the run is an artefact of lead 0 alone: one such beat is tolerated, two break the run.
        var artefacts = ecg.Beats.Skip(20).Take(8).Where((_, i) => i % 3 == 1).Select(beat => beat.Sample).ToHashSet();
        var asking = new AlertsOptions();
        asking.VentricularTachycardia.SeenOnLead1Only = true;
        var oneArtefact = new HashSet<long> { artefacts.First() };

        Assert.Single(RhythmReplay.Run(ecg.Samples, ecg.Beats, missedOnLead1: artefacts).Raised(AlertTypes.VentricularTachycardia));
        Assert.Empty(RhythmReplay.Run(ecg.Samples, ecg.Beats, asking, missedOnLead1: artefacts).Raised(AlertTypes.VentricularTachycardia));
        Assert.Single(RhythmReplay.Run(ecg.Samples, ecg.Beats, asking, missedOnLead1: oneArtefact).Raised(AlertTypes.VentricularTachycardia));
        Assert.Single(RhythmReplay.Run(ecg.Samples, ecg.Beats, asking).Raised(AlertTypes.VentricularTachycardia));
    }

    [Fact]
    public void Beats_called_ventricular_that_look_like_the_normal_beats_are_no_run_when_the_shape_check_is_on()
    {
        var ecg = new SyntheticEcg(40);
        var t = ecg.AddBeats(0, 20, 0.8);
        var first = ecg.Beats.Count;
        t = ecg.AddBeats(t, 8, 0.45);
        ecg.AddBeats(t, 15, 0.8);
        ecg.Beats.Relabel("V", first, first + 8);

        var options = new AlertsOptions();
        options.VentricularTachycardia.MaximumNormalLikeness = 0.9;

        Assert.Single(RhythmReplay.Run(ecg.Samples, ecg.Beats).Raised(AlertTypes.VentricularTachycardia));
        Assert.Empty(RhythmReplay.Run(ecg.Samples, ecg.Beats, options).Raised(AlertTypes.VentricularTachycardia));
    }

    [Theory]
    [InlineData(4, AlertTypes.VentricularRun)]
    [InlineData(8, AlertTypes.VentricularTachycardia)]
    public void With_the_QRS_difference_check_beats_called_ventricular_shaped_like_the_usual_beat_raise_no_run_and_wide_beats_still_do(int beats, string alarm)
    {
        var ecg = new SyntheticEcg(60);
        var t = ecg.AddBeats(0, 20, 0.8);
        var first = ecg.Beats.Count;
        t = ecg.AddBeats(t, beats, 0.45);
        ecg.Beats.Relabel("V", first, first + beats);
        t = ecg.AddBeats(t, 20, 0.8);
        t = ecg.AddBeats(t, beats, 0.45, "V");
        ecg.AddBeats(t, 15, 0.8);

        var shipped = new AlertsOptions();
        shipped.VentricularRun.MinimumQrsDifference = 0.1;
        shipped.VentricularTachycardia.MinimumQrsDifference = 0.1;

        // The classifier's error on a new patient: usual complexes called V. Without the check both runs raise.
        Assert.Equal(2, RhythmReplay.Run(ecg.Samples, ecg.Beats).Raised(alarm).Count);
        var run = Assert.Single(RhythmReplay.Run(ecg.Samples, ecg.Beats, shipped).Raised(alarm));
        Assert.True(run.Time > RhythmReplay.Start + TimeSpan.FromSeconds(30), $"the wide run (after 34 s) raised, at {run.Time:HH:mm:ss}");
    }

    [Fact]
    public void A_fast_run_of_beats_called_ventricular_that_do_not_look_alike_is_still_tachycardia_unless_the_check_is_set()
    {
        var ecg = new SyntheticEcg(40);
        var t = ecg.AddBeats(0, 20, 0.8);
        for (var i = 0; i < 8; i++)
        {
            t += 0.45;
            ecg.AddBeat(t, i % 2 == 0 ? "N" : "V", pWave: false);
            ecg.Beats[^1] = (ecg.Beats[^1].Sample, "V");
        }

        ecg.AddBeats(t, 15, 0.8);
        var withCheck = new AlertsOptions();
        withCheck.VentricularTachycardia.MinimumRunConsistency = 0.5;

        // Polymorphic VT is VT: by default the alarm does not ask its complexes to look alike.
        Assert.Single(RhythmReplay.Run(ecg.Samples, ecg.Beats).Raised(AlertTypes.VentricularTachycardia));
        Assert.Empty(RhythmReplay.Run(ecg.Samples, ecg.Beats, withCheck).Raised(AlertTypes.VentricularTachycardia));
    }

    [Fact]
    public void A_run_of_alike_ventricular_beats_passes_the_consistency_check()
    {
        var ecg = new SyntheticEcg(40);
        var t = ecg.AddBeats(0, 20, 0.8);
        t = ecg.AddBeats(t, 8, 0.45, "V");
        ecg.AddBeats(t, 15, 0.8);
        var options = new AlertsOptions();
        options.VentricularTachycardia.MinimumRunConsistency = 0.8;

        Assert.Single(RhythmReplay.Run(ecg.Samples, ecg.Beats, options).Raised(AlertTypes.VentricularTachycardia));
    }

    [Fact]
    public void Two_ventricular_beats_are_a_couplet_not_a_run()
    {
        var ecg = new SyntheticEcg(40);
        var t = ecg.AddBeats(0, 20, 0.8);
        t = ecg.AddBeats(t, 2, 0.45, "V");
        ecg.AddBeats(t, 15, 0.8);

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats);

        Assert.Single(events.Raised(AlertTypes.Couplet));
        Assert.Empty(events.Raised(AlertTypes.VentricularRun));
    }

    [Fact]
    public void Ectopy_among_unclassifiable_beats_raises_no_low_priority_alarm_but_tachycardia_still_rises()
    {
        var ecg = new SyntheticEcg(60);
        var t = ecg.AddBeats(0, 20, 0.8);
        t = ecg.AddBeats(t, 1, 0.8, "Q");
        t = ecg.AddBeats(t, 2, 0.8);
        t = ecg.AddBeats(t, 2, 0.45, "V");
        t = ecg.AddBeats(t, 3, 0.8);
        t = ecg.AddBeats(t, 1, 0.8, "Q");
        t = ecg.AddBeats(t, 8, 0.45, "V");
        ecg.AddBeats(t, 15, 0.8);
        var options = new AlertsOptions { UnclassifiableContextBeats = 8 };

        var plain = RhythmReplay.Run(ecg.Samples, ecg.Beats);
        var guarded = RhythmReplay.Run(ecg.Samples, ecg.Beats, options);

        Assert.Single(plain.Raised(AlertTypes.Couplet));
        Assert.Empty(guarded.Raised(AlertTypes.Couplet));
        Assert.Single(guarded.Raised(AlertTypes.VentricularTachycardia));
    }

    [Theory]
    [InlineData("S")]
    [InlineData("N")]
    public void A_sudden_regular_narrow_tachycardia_raises_svt_whatever_the_classifier_calls_its_beats(string className)
    {
        var ecg = new SyntheticEcg(40);
        var t = ecg.AddBeats(0, 20, 0.8);
        t = ecg.AddBeats(t, 5, 0.4, className);
        ecg.AddBeats(t, 15, 0.8);

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats);

        var svt = Assert.Single(events.Raised(AlertTypes.SupraventricularTachycardia));
        Assert.Equal(3, svt.Value);
        Assert.Contains(events, e => e.Type == AlertTypes.SupraventricularTachycardia && e.State == AlertState.Clear);
        Assert.Empty(events.Raised(AlertTypes.VentricularRun));
    }

    [Fact]
    public void A_sudden_regular_narrow_tachycardia_whose_beats_are_called_ventricular_still_raises_svt()
    {
        var ecg = new SyntheticEcg(40);
        var t = ecg.AddBeats(0, 20, 0.8);
        var first = ecg.Beats.Count;
        t = ecg.AddBeats(t, 5, 0.4);
        ecg.AddBeats(t, 15, 0.8);
        ecg.Beats.Relabel("V", first, first + 5);

        Assert.Single(RhythmReplay.Run(ecg.Samples, ecg.Beats).Raised(AlertTypes.SupraventricularTachycardia));
    }

    [Fact]
    public void A_sudden_regular_run_of_beats_all_wider_than_the_usual_one_is_no_svt_even_when_the_classifier_calls_them_normal()
    {
        var ecg = SuddenRunOfWiderBeats();
        var withoutShapeRule = new AlertsOptions();
        withoutShapeRule.Ectopy.MinimumQrsDifference = 0;

        Assert.Empty(RhythmReplay.Run(ecg.Samples, ecg.Beats).Raised(AlertTypes.SupraventricularTachycardia));
        Assert.Single(RhythmReplay.Run(ecg.Samples, ecg.Beats, withoutShapeRule).Raised(AlertTypes.SupraventricularTachycardia));
    }

    [Fact]
    public void One_beat_shaped_like_the_usual_one_among_wide_ones_is_enough_for_svt()
    {
        var ecg = new SyntheticEcg(40);
        var t = ecg.AddBeats(0, 20, 0.8);
        t = ecg.AddBeats(t, 1, 0.4, pWave: false, qrsWidth: 1.8);
        t = ecg.AddBeats(t, 1, 0.4, pWave: false);
        t = ecg.AddBeats(t, 1, 0.4, pWave: false, qrsWidth: 1.8);
        ecg.AddBeats(t, 15, 0.8);

        Assert.Single(RhythmReplay.Run(ecg.Samples, ecg.Beats).Raised(AlertTypes.SupraventricularTachycardia));
    }

    [Fact]
    public void In_noise_a_run_of_wide_beats_is_judged_without_their_distance_from_the_usual_one()
    {
        var ecg = SuddenRunOfWiderBeats();
        ecg.AddNoise(0.06); // a noise index of about 0.1: above the level where QRS shapes are believed, below poor signal
        var believedUpToPoor = new AlertsOptions();
        believedUpToPoor.SignalQuality.Lead1BelievedNoiseIndex = believedUpToPoor.SignalQuality.NoiseIndex;

        Assert.Single(RhythmReplay.Run(ecg.Samples, ecg.Beats).Raised(AlertTypes.SupraventricularTachycardia));
        Assert.Empty(RhythmReplay.Run(ecg.Samples, ecg.Beats, believedUpToPoor).Raised(AlertTypes.SupraventricularTachycardia));
    }

    [Fact]
    public void A_sustained_svt_stays_one_alarm_for_longer_than_the_beat_history()
    {
        var ecg = new SyntheticEcg(200);
        var t = ecg.AddBeats(0, 20, 0.8);
        t = ecg.AddBeats(t, 400, 0.4);
        ecg.AddBeats(t, 15, 0.8);

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats).Where(e => e.Type == AlertTypes.SupraventricularTachycardia).ToList();

        Assert.Equal([AlertState.Raise, AlertState.Clear], events.Select(e => e.State));
        Assert.True((events[1].Time - events[0].Time).TotalSeconds > 155, $"SVT lasted {(events[1].Time - events[0].Time).TotalSeconds:0} s");
    }

    [Fact]
    public void A_sinus_rhythm_that_speeds_up_slowly_is_no_svt()
    {
        var ecg = new SyntheticEcg(90);
        var t = 0.0;
        for (var rr = 0.8; rr > 0.45; rr -= 0.01)
        {
            t = ecg.AddBeats(t, 2, rr);
        }

        ecg.AddBeats(t, 40, 0.45);

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats);

        Assert.Empty(events.Raised(AlertTypes.SupraventricularTachycardia));
        Assert.NotEmpty(events.Raised(AlertTypes.Tachycardia));
    }

    [Fact]
    public void A_sudden_fast_irregular_rhythm_holds_no_svt_alarm_and_atrial_fibrillation_then_keeps_it_off()
    {
        var ecg = new SyntheticEcg(90);
        var t = ecg.AddBeats(0, 20, 0.8);
        ecg.AddBeats(t, 150, 0.42, jitter: 0.15, pWave: false);
        ecg.AddFibrillatoryWaves();

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats);

        // Three beats cannot show that a rhythm is irregular: an SVT raised at the onset clears within a few beats.
        var svt = events.Where(e => e.Type == AlertTypes.SupraventricularTachycardia).ToList();
        var fibrillation = Assert.Single(events.Raised(AlertTypes.AtrialFibrillation));
        Assert.All(svt.Where(e => e.State == AlertState.Raise), e => Assert.True(e.Time < fibrillation.Time));
        Assert.All(svt.Zip(svt.Skip(1)).Where(p => p.First.State == AlertState.Raise), p => Assert.True((p.Second.Time - p.First.Time).TotalSeconds < 2));
    }

    [Fact]
    public void A_few_fast_regular_beats_within_an_irregular_rhythm_are_no_svt()
    {
        var ecg = new SyntheticEcg(60);
        var t = ecg.AddBeats(0, 30, 0.8, jitter: 0.3);
        t = ecg.AddBeats(t, 4, 0.4);
        ecg.AddBeats(t, 20, 0.8, jitter: 0.3);
        var steadyOnly = new AlertsOptions();
        steadyOnly.SupraventricularTachycardia.MaximumPrecedingIrregularity = 1;

        Assert.Empty(RhythmReplay.Run(ecg.Samples, ecg.Beats).Raised(AlertTypes.SupraventricularTachycardia));
        Assert.Single(RhythmReplay.Run(ecg.Samples, ecg.Beats, steadyOnly).Raised(AlertTypes.SupraventricularTachycardia));
    }

    [Fact]
    public void A_fast_run_with_more_than_two_ventricular_beats_is_no_svt_even_where_its_shape_passes()
    {
        // Wide complexes called V: the shape checks (off here) would stop them; the count of ventricular beats does too.
        var ecg = new SyntheticEcg(40);
        var t = ecg.AddBeats(0, 20, 0.8);
        t = ecg.AddBeats(t, 5, 0.4, "V");
        ecg.AddBeats(t, 15, 0.8);
        var shapeOff = new AlertsOptions();
        shapeOff.SupraventricularTachycardia.MinimumNormalLikeness = -1;
        shapeOff.SupraventricularTachycardia.MaximumVentricularBeats = 8;
        shapeOff.Ectopy.MinimumQrsDifference = 0;
        var countOn = new AlertsOptions();
        countOn.SupraventricularTachycardia.MinimumNormalLikeness = -1;

        Assert.Single(RhythmReplay.Run(ecg.Samples, ecg.Beats, shapeOff).Raised(AlertTypes.SupraventricularTachycardia));
        Assert.Empty(RhythmReplay.Run(ecg.Samples, ecg.Beats, countOn).Raised(AlertTypes.SupraventricularTachycardia));
    }

    [Fact]
    public void A_sudden_regular_wide_tachycardia_called_normal_is_no_svt()
    {
        var ecg = new SyntheticEcg(40);
        var t = ecg.AddBeats(0, 20, 0.8);
        var first = ecg.Beats.Count;
        t = ecg.AddBeats(t, 8, 0.4, "V");
        ecg.AddBeats(t, 15, 0.8);
        ecg.Beats.Relabel("N", first, first + 8);

        Assert.Empty(RhythmReplay.Run(ecg.Samples, ecg.Beats).Raised(AlertTypes.SupraventricularTachycardia));
    }

    [Theory]
    [InlineData(2, AlertTypes.Bigeminy, AlertTypes.Trigeminy)]
    [InlineData(3, AlertTypes.Trigeminy, AlertTypes.Bigeminy)]
    public void Every_second_or_third_beat_ventricular_is_bigeminy_or_trigeminy(int period, string expected, string other)
    {
        var ecg = new SyntheticEcg(60);
        var t = ecg.AddBeats(0, 10, 0.8);
        for (var cycle = 0; cycle < 8; cycle++)
        {
            t = ecg.AddBeats(t, period - 1, 0.8);
            t = ecg.AddBeats(t, 1, 0.5, "V");
        }

        ecg.AddBeats(t, 10, 0.8);

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats);

        Assert.Single(events.Raised(expected));
        Assert.Empty(events.Raised(other));
    }

    [Fact]
    public void Bigeminy_that_resumes_after_a_couplet_is_told_again_once_its_ten_second_hold_off_has_passed()
    {
        var (ecg, couplet) = BigeminyBrokenByACouplet();
        var heldLonger = new AlertsOptions();
        heldLonger.Bigeminy.HoldOff = TimeSpan.FromSeconds(30);

        var raised = RhythmReplay.Run(ecg.Samples, ecg.Beats).Raised(AlertTypes.Bigeminy);

        Assert.Equal(2, raised.Count);
        Assert.InRange((raised[1].Time - RhythmReplay.Start).TotalSeconds - couplet, 10, 11);
        Assert.Single(RhythmReplay.Run(ecg.Samples, ecg.Beats, heldLonger).Raised(AlertTypes.Bigeminy));
    }

    [Fact]
    public void A_hold_off_does_not_last_as_long_as_a_step_back_of_the_device_clock()
    {
        // As above, the clock stepped back an hour (an NTP correction) just after the couplet: the 30-s hold-off is
        // counted in the device's time, so without the fix it would hold bigeminy back for that hour.
        var raised = BigeminyHeldOff30SecondsAcrossAClockStepBackOfAnHour();

        Assert.Equal(2, raised.Count);
        Assert.True(raised[1].Time < raised[0].Time, "the second raise is stamped in the device's stepped-back time");
    }

    [Fact]
    public void An_alarm_raised_again_after_the_device_clock_steps_back_has_its_onset_in_the_stepped_back_time_not_after_its_raise()
    {
        // As above: bigeminy cleared before the step, raised again after it. Its 1-of-1 onset is its raise's time; dated
        // to the clear before the step it would lie an hour after the raise (and its end before its onset).
        var raised = BigeminyHeldOff30SecondsAcrossAClockStepBackOfAnHour();

        Assert.Equal(2, raised.Count);
        Assert.Equal(raised[1].Time, raised[1].Onset);
    }

    [Fact]
    public void More_than_ten_ventricular_beats_a_minute_raise_the_pvc_rate_alert()
    {
        var ecg = PvcEveryFifthBeat();

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats);

        Assert.Single(events.Raised(AlertTypes.PvcRate));
    }

    [Fact]
    public void Ventricular_beats_lead_1_does_not_show_raise_no_pvc_rate_alert_when_the_ectopy_alarms_ask_for_lead_1()
    {
        var ecg = PvcEveryFifthBeat();
        var unseen = ecg.Beats.Where(beat => beat.Class == "V").Select(beat => beat.Sample).ToHashSet();
        var asking = new AlertsOptions();
        asking.Ectopy.SeenOnLead1Only = true;

        Assert.Single(RhythmReplay.Run(ecg.Samples, ecg.Beats, missedOnLead1: unseen).Raised(AlertTypes.PvcRate));
        Assert.Empty(RhythmReplay.Run(ecg.Samples, ecg.Beats, asking, missedOnLead1: unseen).Raised(AlertTypes.PvcRate));
        Assert.Single(RhythmReplay.Run(ecg.Samples, ecg.Beats, asking).Raised(AlertTypes.PvcRate));
    }

    [Fact]
    public void Irregular_beats_without_p_waves_over_fibrillatory_waves_raise_atrial_fibrillation()
    {
        var ecg = new SyntheticEcg(120);
        ecg.AddBeats(0, 150, 0.7, jitter: 0.3, pWave: false);
        ecg.AddFibrillatoryWaves();

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats);

        Assert.Single(events.Raised(AlertTypes.AtrialFibrillation));
    }

    [Fact]
    public void Irregular_beats_whose_p_waves_are_lost_in_noise_on_lead_0_but_plain_on_lead_1_raise_no_atrial_fibrillation()
    {
        // The same beats on both leads (same seed, same calls): lead 0 shows no P wave through its noise, lead 1 does.
        var lead0 = new SyntheticEcg(120);
        var lead1 = new SyntheticEcg(120);
        lead0.AddBeats(0, 150, 0.7, jitter: 0.3, pWave: false);
        lead1.AddBeats(0, 150, 0.7, jitter: 0.3);
        lead0.AddNoise(0.03);
        lead1.AddNoise(0.03);

        var withLead1 = RhythmReplay.Run(lead0.Samples, lead0.Beats, lead1: lead1.Samples);
        var lead0Alone = RhythmReplay.Run(lead0.Samples, lead0.Beats);

        Assert.Empty(withLead1.Raised(AlertTypes.AtrialFibrillation));
        Assert.Single(lead0Alone.Raised(AlertTypes.AtrialFibrillation));
    }

    [Fact]
    public void P_waves_in_noise_and_wander_that_consecutive_segments_miss_are_found_against_the_others_mean()
    {
        var ecg = new SyntheticEcg(120);
        ecg.AddBeats(0, 150, 0.7, jitter: 0.3);
        ecg.AddSine(0, 120, 0.3, 0.5);
        ecg.AddNoise(0.05);
        var consecutiveOnly = new AlertsOptions();
        consecutiveOnly.AtrialFibrillation.MaximumAtrialTemplateConsistency = 1;

        Assert.Empty(RhythmReplay.Run(ecg.Samples, ecg.Beats).Raised(AlertTypes.AtrialFibrillation));
        Assert.NotEmpty(RhythmReplay.Run(ecg.Samples, ecg.Beats, consecutiveOnly).Raised(AlertTypes.AtrialFibrillation));
    }

    [Fact]
    public void Beats_called_supraventricular_in_atrial_fibrillation_are_no_frequent_ectopy_but_in_sinus_rhythm_they_are()
    {
        var fibrillation = new SyntheticEcg(120);
        fibrillation.AddBeats(0, 150, 0.7, jitter: 0.3, pWave: false);
        fibrillation.AddFibrillatoryWaves();
        var sinus = new SyntheticEcg(120);
        sinus.AddBeats(0, 150, 0.7);
        fibrillation.Beats.Relabel("S", 3, fibrillation.Beats.Count, 4);
        sinus.Beats.Relabel("S", 3, sinus.Beats.Count, 4);

        var inFibrillation = RhythmReplay.Run(fibrillation.Samples, fibrillation.Beats);
        var inSinusRhythm = RhythmReplay.Run(sinus.Samples, sinus.Beats);

        var raised = Assert.Single(inFibrillation.Raised(AlertTypes.AtrialFibrillation));
        Assert.All(inFibrillation.Raised(AlertTypes.FrequentEctopy), e => Assert.True(e.Time < raised.Time));
        Assert.NotEqual(AlertState.Raise, inFibrillation.LastOrDefault(e => e.Type == AlertTypes.FrequentEctopy)?.State);
        Assert.NotEmpty(inSinusRhythm.Raised(AlertTypes.FrequentEctopy));
    }

    [Fact]
    public void Atrial_fibrillation_is_dated_from_the_middle_of_its_window_so_its_onset_and_end_are_close_to_the_rhythm_changes()
    {
        var ecg = new SyntheticEcg(240);
        var fibrillationStart = ecg.AddBeats(0, 60, 0.8);
        var fibrillationEnd = ecg.AddBeats(fibrillationStart, 150, 0.7, jitter: 0.3, pWave: false);
        ecg.AddBeats(fibrillationEnd, 90, 0.8);
        ecg.AddFibrillatoryWaves();

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats).Where(e => e.Type == AlertTypes.AtrialFibrillation).ToList();

        // The window turns irregular, and regular again, when half or more of its 24 intervals are fibrillation: dated to
        // its newest beat the episode would start about 20 beats (14 s) and end about 12 beats (8 s) late.
        var raised = Assert.Single(events, e => e.State == AlertState.Raise);
        var cleared = Assert.Single(events, e => e.State == AlertState.Clear);
        Assert.InRange((raised.Onset!.Value - RhythmReplay.Start).TotalSeconds, fibrillationStart - 4, fibrillationStart + 7);
        Assert.InRange((cleared.End!.Value - RhythmReplay.Start).TotalSeconds, fibrillationEnd - 4, fibrillationEnd + 4);
        Assert.True(raised.Time - raised.Onset.Value > TimeSpan.FromSeconds(6), "raised as late as before: only the dating moved");
    }

    [Fact]
    public void Atrial_fibrillation_with_a_minimum_duration_is_raised_that_long_after_its_onset_skips_shorter_stretches_and_counts_no_s_ectopy_meanwhile()
    {
        // About 28 s of AF, 40 s of sinus rhythm, then 105 s of AF.
        var fibrillation = new SyntheticEcg(180);
        var t = fibrillation.AddBeats(0, 40, 0.7, jitter: 0.3, pWave: false);
        t = fibrillation.AddBeats(t, 50, 0.8);
        fibrillation.AddBeats(t, 150, 0.7, jitter: 0.3, pWave: false);
        fibrillation.AddFibrillatoryWaves();
        fibrillation.Beats.Relabel("S", 3, fibrillation.Beats.Count, 4);
        var confirmed = new AlertsOptions();
        confirmed.AtrialFibrillation.MinimumDuration = TimeSpan.FromSeconds(30);

        var atOnce = RhythmReplay.Run(fibrillation.Samples, fibrillation.Beats).Raised(AlertTypes.AtrialFibrillation);
        var events = RhythmReplay.Run(fibrillation.Samples, fibrillation.Beats, confirmed);

        // Raised at once, the first stretch of AF votes (shorter than 30 s) is an alarm of its own; confirmed, it is none.
        Assert.Equal(2, atOnce.Count);
        var raised = Assert.Single(events.Raised(AlertTypes.AtrialFibrillation));
        Assert.True(raised.Onset >= atOnce[1].Onset, $"onset {raised.Onset:T} before the second stretch's {atOnce[1].Onset:T}");
        // 30 s after the 8th of the 8-of-10 votes, dated to the first of them (at most 9 beats of about 0.7 s before it)
        // and there to the middle of its 24 intervals (12 beats more).
        Assert.InRange((raised.Time - raised.Onset!.Value).TotalSeconds, 30, 47);
        Assert.All(events.Raised(AlertTypes.FrequentEctopy), e => Assert.True(e.Time < raised.Onset));
        // The control: without the AF rule the same S calls are frequent ectopy, still raised once AF is.
        var withoutFibrillation = new AlertsOptions();
        withoutFibrillation.AtrialFibrillation.Enabled = false;
        var control = RhythmReplay.Run(fibrillation.Samples, fibrillation.Beats, withoutFibrillation);
        Assert.Equal(AlertState.Raise, control.Last(e => e.Type == AlertTypes.FrequentEctopy && e.Time <= raised.Time).State);
    }

    [Fact]
    public void Beats_called_supraventricular_while_the_af_figure_says_af_are_no_frequent_ectopy_even_while_the_af_alarm_is_held_off()
    {
        // AF, sinus rhythm long enough to clear it, then AF again inside the AF alarm's hold-off, with every 4th beat called S.
        var ecg = new SyntheticEcg(220);
        var t = ecg.AddBeats(0, 60, 0.7, jitter: 0.3, pWave: false);
        var secondStart = ecg.AddBeats(t, 40, 0.8);
        ecg.AddBeats(secondStart, 150, 0.7, jitter: 0.3, pWave: false);
        ecg.AddNoise(0.01);
        ecg.Beats.Relabel("S", 103, ecg.Beats.Count, 4);
        var heldOff = new AlertsOptions();
        heldOff.AtrialFibrillation.HoldOff = TimeSpan.FromMinutes(10);
        var withoutFibrillation = new AlertsOptions();
        withoutFibrillation.AtrialFibrillation.Enabled = false;

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats, heldOff);
        var control = RhythmReplay.Run(ecg.Samples, ecg.Beats, withoutFibrillation);

        var second = RhythmReplay.Start.AddSeconds(secondStart);
        Assert.Single(events.Raised(AlertTypes.AtrialFibrillation));
        Assert.DoesNotContain(events.Raised(AlertTypes.FrequentEctopy), e => e.Time > second);
        Assert.Contains(control.Raised(AlertTypes.FrequentEctopy), e => e.Time > second);
    }

    [Fact]
    public void Irregular_beats_with_a_repeating_p_wave_are_not_atrial_fibrillation()
    {
        var ecg = new SyntheticEcg(120);
        ecg.AddBeats(0, 120, 0.9, jitter: 0.25);

        Assert.Empty(RhythmReplay.Run(ecg.Samples, ecg.Beats).Raised(AlertTypes.AtrialFibrillation));
    }

    [Fact]
    public void A_regular_sinus_rhythm_raises_no_rhythm_alert()
    {
        var ecg = new SyntheticEcg(120, seed: 3);
        ecg.AddBeats(0, 152, 0.8, jitter: 0.02);
        ecg.AddNoise(0.01);

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats);

        Assert.DoesNotContain(events, e => e.State == AlertState.Raise);
    }

    [Fact]
    public void A_sine_of_ventricular_flutter_raises_ventricular_fibrillation_and_clears_when_beats_return()
    {
        var ecg = FlutterBetweenSinusBeats();

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats);

        var raise = Assert.Single(events.Raised(AlertTypes.VentricularFibrillation));
        Assert.InRange((raise.Time - RhythmReplay.Start).TotalSeconds, 20, 28);
        Assert.Contains(events, e => e.Type == AlertTypes.VentricularFibrillation && e.State == AlertState.Clear && e.Time > raise.Time);
    }

    [Fact]
    public void Ventricular_flutter_whose_waves_the_second_detector_does_not_confirm_still_raises_fibrillation_and_no_technical_alarm_once_recognised()
    {
        var ecg = FlutterBetweenSinusBeats();

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats, verdictOf: RhythmReplay.ProblemIn(21, 36, SignalQualityVerdict.UnconfirmedBeats));

        var fibrillation = Assert.Single(events.Raised(AlertTypes.VentricularFibrillation));
        Assert.DoesNotContain(events.Raised(AlertTypes.SignalQuality), e => e.Time >= fibrillation.Time);
    }

    [Fact]
    public void Sinus_beats_the_second_detector_does_not_confirm_raise_the_technical_alarm_and_mute_the_beat_alarms()
    {
        var ecg = new SyntheticEcg(43);
        var t = ecg.AddBeats(0, 30, 0.8);
        t = ecg.AddBeats(t, 8, 0.45, "V");
        ecg.AddBeats(t, 20, 0.8);

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats, verdictOf: RhythmReplay.ProblemIn(18, 40, SignalQualityVerdict.UnconfirmedBeats));

        Assert.Single(events.Raised(AlertTypes.SignalQuality));
        Assert.Empty(events.Raised(AlertTypes.VentricularTachycardia));
        Assert.Single(RhythmReplay.Run(ecg.Samples, ecg.Beats).Raised(AlertTypes.VentricularTachycardia));
    }

    [Fact]
    public void Beats_found_in_ventricular_flutter_raise_no_ventricular_tachycardia_while_fibrillation_is_raised()
    {
        var ecg = new SyntheticEcg(70);
        ecg.AddBeats(0, 24, 0.8);
        ecg.AddSine(20, 42, 4.5, 1.0);
        ecg.AddBeats(27, 40, 0.3, "V");
        ecg.AddBeats(44, 30, 0.8);
        var withoutFibrillation = new AlertsOptions();
        withoutFibrillation.VentricularFibrillation.Enabled = false;

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats);

        Assert.Single(events.Raised(AlertTypes.VentricularFibrillation));
        Assert.Empty(events.Raised(AlertTypes.VentricularTachycardia));
        Assert.Single(RhythmReplay.Run(ecg.Samples, ecg.Beats, withoutFibrillation).Raised(AlertTypes.VentricularTachycardia));
    }

    [Fact]
    public void Beats_found_in_ventricular_flutter_raise_no_tachycardia_as_the_fibrillation_alarm_clears()
    {
        // Beats are decided later than windows: as the VF alarm clears, the newest beats' rate still counts the waves.
        var ecg = FastBeatsThen(flutter: true, "V", rrSeconds: 0.8, beats: 40);
        var fastSinus = FastBeatsThen(flutter: false, "S", rrSeconds: 0.8, beats: 40);

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats);

        Assert.Single(events.Raised(AlertTypes.VentricularFibrillation));
        Assert.Empty(events.Raised(AlertTypes.Tachycardia));
        Assert.Single(RhythmReplay.Run(fastSinus.Samples, fastSinus.Beats).Raised(AlertTypes.Tachycardia));
    }

    [Fact]
    public void A_slow_rhythm_right_after_ventricular_flutter_raises_bradycardia_at_once()
    {
        // An escape rhythm after the flutter is the heart's: bradycardia may count the beats decided while VF clears.
        var ecg = FastBeatsThen(flutter: true, "V", rrSeconds: 1.6, beats: 20);

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats);

        var cleared = events.Single(e => e.Type == AlertTypes.VentricularFibrillation && e.State == AlertState.Clear);
        var bradycardia = Assert.Single(events.Raised(AlertTypes.Bradycardia));
        Assert.True(bradycardia.Time - cleared.Time < TimeSpan.FromSeconds(12), $"bradycardia {bradycardia.Time - cleared.Time} after VF cleared");
    }

    [Fact]
    public void A_pause_of_four_and_a_half_seconds_that_ends_late_in_a_window_raises_asystole()
    {
        var ecg = PauseOfFourAndAHalfSeconds();

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats);

        var raise = Assert.Single(events.Raised(AlertTypes.Asystole));
        Assert.InRange((raise.Time - RhythmReplay.Start).TotalSeconds, 28, 30);
    }

    [Fact]
    public void Beats_the_second_detector_does_not_confirm_do_not_mute_asystole_but_noise_in_the_samples_does()
    {
        var ecg = PauseOfFourAndAHalfSeconds();

        var unconfirmed = RhythmReplay.Run(ecg.Samples, ecg.Beats, verdictOf: RhythmReplay.ProblemIn(15, 32, SignalQualityVerdict.UnconfirmedBeats));
        var noisy = RhythmReplay.Run(ecg.Samples, ecg.Beats, verdictOf: RhythmReplay.ProblemIn(15, 32, "noise"));

        Assert.Contains(unconfirmed.Raised(AlertTypes.SignalQuality), e => (e.Time - RhythmReplay.Start).TotalSeconds is >= 15 and < 32);
        Assert.Single(unconfirmed.Raised(AlertTypes.Asystole));
        Assert.Empty(noisy.Raised(AlertTypes.Asystole));
    }

    /// <summary>Sinus beats, a sine of ventricular flutter from 20 to 35 s, sinus beats again from 36 s.</summary>
    /// <summary>80 s: sinus beats, 44 fast beats (RR 0.3 s) from 27 s, over a 4.5-Hz sine from 20 to 40 s when
    /// <paramref name="flutter"/> (ventricular flutter whose waves the detector takes for beats), then
    /// <paramref name="beats"/> beats at <paramref name="rrSeconds"/>.</summary>
    private static SyntheticEcg FastBeatsThen(bool flutter, string fastClass, double rrSeconds, int beats)
    {
        var ecg = new SyntheticEcg(80);
        ecg.AddBeats(0, 24, 0.8);
        if (flutter)
        {
            ecg.AddSine(20, 40, 4.5, 1.0);
        }

        var t = ecg.AddBeats(27, 44, 0.3, fastClass);
        ecg.AddBeats(t + rrSeconds, beats, rrSeconds);
        return ecg;
    }

    private static SyntheticEcg FlutterBetweenSinusBeats()
    {
        var ecg = new SyntheticEcg(60);
        ecg.AddBeats(0, 24, 0.8);
        ecg.AddSine(20, 35, 4.5, 1.0);
        ecg.AddBeats(36, 28, 0.8);
        return ecg;
    }

    /// <summary>Sinus beats with the last QRS at 25.2 s and the next at 29.7 s (only P waves between): at the end of each window the pause is at most 3.8 s old.</summary>
    /// <summary>60 s on two leads: 25 beats, then 10 s of baseline alone (under 0.05 mV peak to peak: a "flat line"), then
    /// beats again; <c>FlatFrom</c> is where the flat line starts.</summary>
    private static (SyntheticEcg Lead0, SyntheticEcg Lead1, double FlatFrom) TenFlatSecondsAfterBeatsOnBothLeads()
    {
        var lead0 = new SyntheticEcg(60);
        var lead1 = new SyntheticEcg(60, seed: 2);
        var flatFrom = 0.0;
        foreach (var lead in new[] { lead0, lead1 })
        {
            flatFrom = lead.AddBeats(0, 25, 0.8);
            lead.AddBeats(flatFrom + 10, 40, 0.8);
            lead.AddNoise(0.004);
        }

        return (lead0, lead1, flatFrom);
    }

    private static SyntheticEcg PauseOfFourAndAHalfSeconds()
    {
        var ecg = new SyntheticEcg(60);
        ecg.AddBeats(25.2 - (25 * 0.8), 25, 0.8);
        for (var p = 26.0; p < 29.7; p += 0.8)
        {
            ecg.AddPWave(p);
        }

        ecg.AddBeats(29.7 - 0.8, 38, 0.8); // to the record's end: a flat line after beats would be asystole too
        ecg.AddNoise(0.004);
        return ecg;
    }

    [Fact]
    public void An_rr_interval_just_over_four_seconds_raises_asystole_from_the_beats_where_the_qrs_free_stretch_is_just_under()
    {
        var ecg = new SyntheticEcg(60);
        var t = ecg.AddBeats(0, 25, 0.8);
        ecg.AddBeats(t + 4.02 - 0.8, 45, 0.8); // to the record's end: a flat line after beats would be asystole too
        ecg.AddNoise(0.004);

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats);

        var raise = Assert.Single(events.Raised(AlertTypes.Asystole));
        Assert.InRange(raise.Value, 4.0, 4.03);
        Assert.InRange((raise.Time - RhythmReplay.Start).TotalSeconds, t + 4, t + 4.1);
    }

    [Fact]
    public void A_beat_the_detector_missed_is_no_pause_but_a_true_pause_still_is()
    {
        var ecg = new SyntheticEcg(60);
        var t = ecg.AddBeats(0, 20, 1.1);
        ecg.AddBeats(t, 1, 1.1);
        ecg.Beats.RemoveAt(ecg.Beats.Count - 1);
        t = ecg.AddBeats(t + 1.1, 10, 1.1);
        ecg.AddBeats(t + 1.5, 15, 1.1);
        ecg.AddNoise(0.004);
        var withoutCheck = new AlertsOptions();
        withoutCheck.Pause.MissedBeatSlopeFraction = 0;

        var plain = RhythmReplay.Run(ecg.Samples, ecg.Beats, withoutCheck).Raised(AlertTypes.Pause);
        var pauses = RhythmReplay.Run(ecg.Samples, ecg.Beats).Raised(AlertTypes.Pause);

        Assert.Equal(2, plain.Count);
        var pause = Assert.Single(pauses);
        Assert.InRange(pause.Value, 2.4, 2.7);
    }

    [Fact]
    public void Beats_found_at_the_onset_of_ventricular_flutter_raise_no_ventricular_tachycardia_before_the_fibrillation_votes_complete()
    {
        var ecg = new SyntheticEcg(70);
        ecg.AddBeats(0, 24, 0.8);
        ecg.AddSine(20, 42, 4.5, 1.0);
        ecg.AddBeats(20, 70, 0.3, "V");
        ecg.AddBeats(44, 30, 0.8);
        var options = new AlertsOptions();
        options.VentricularTachycardia.MinimumRunConsistency = -1;

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats, options);

        var fibrillation = Assert.Single(events.Raised(AlertTypes.VentricularFibrillation));
        Assert.True((fibrillation.Time - RhythmReplay.Start).TotalSeconds > 22, "the VF votes complete a few windows into the flutter");
        Assert.Empty(events.Raised(AlertTypes.VentricularTachycardia));
        Assert.All(events.Raised(AlertTypes.Tachycardia), e => Assert.True((e.Time - RhythmReplay.Start).TotalSeconds > 42, "tachycardia raised inside the flutter"));
    }

    [Fact]
    public void Two_beats_the_detector_missed_among_eight_raise_no_bradycardia()
    {
        var ecg = new SyntheticEcg(60);
        ecg.AddBeats(0, 50, 1.0);
        ecg.Beats.RemoveAt(30);
        ecg.Beats.RemoveAt(33);

        // The mean RR over the last 8 intervals reaches 1.25 s (48 bpm) for 4 beats; the median stays at 1 s.
        Assert.Empty(RhythmReplay.Run(ecg.Samples, ecg.Beats).Raised(AlertTypes.Bradycardia));
    }

    [Fact]
    public void Five_seconds_without_a_qrs_raise_asystole_while_p_waves_go_on()
    {
        var ecg = new SyntheticEcg(60);
        var t = ecg.AddBeats(0, 25, 0.8);
        for (var p = t + 0.8; p < t + 6.5; p += 0.8)
        {
            ecg.AddPWave(p);
        }

        ecg.AddBeats(t + 6, 45, 0.8);
        ecg.AddNoise(0.004);

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats);

        var raise = Assert.Single(events.Raised(AlertTypes.Asystole));
        Assert.InRange((raise.Time - RhythmReplay.Start).TotalSeconds, t + 3, t + 6);
        Assert.Empty(events.Raised(AlertTypes.SignalQuality));
    }

    [Fact]
    public void A_flat_line_on_both_leads_after_beats_raises_asystole_beside_the_signal_quality_alarm()
    {
        var (lead0, lead1, t) = TenFlatSecondsAfterBeatsOnBothLeads();

        var events = RhythmReplay.Run(lead0.Samples, lead0.Beats, lead1: lead1.Samples);

        var raise = Assert.Single(events.Raised(AlertTypes.Asystole));
        Assert.InRange((raise.Time - RhythmReplay.Start).TotalSeconds, t + 3, t + 6);
        Assert.Contains(SignalQualityVerdict.FlatLine, Assert.Single(events.Raised(AlertTypes.SignalQuality)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flat_line_the_device_reports_as_lead_off_is_a_technical_alarm_and_neither_asystole_nor_a_pause_when_beats_return()
    {
        var (lead0, lead1, t) = TenFlatSecondsAfterBeatsOnBothLeads();

        var events = RhythmReplay.Run(lead0.Samples, lead0.Beats, lead1: lead1.Samples,
            verdictOf: RhythmReplay.ProblemIn((int)t, (int)t + 10, SignalQualityVerdict.LeadOff));

        Assert.Empty(events.Raised(AlertTypes.Asystole));
        Assert.Empty(events.Raised(AlertTypes.Pause));
        Assert.Contains(SignalQualityVerdict.LeadOff, Assert.Single(events.Raised(AlertTypes.SignalQuality)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lead_that_comes_off_after_a_four_second_pause_has_ended_does_not_cancel_its_asystole()
    {
        var ecg = new SyntheticEcg(60);
        var t = ecg.AddBeats(0, 25, 0.8);
        ecg.AddBeats(t + 4.02 - 0.8, 45, 0.8);
        ecg.AddNoise(0.004);
        var pauseEnd = (Assert.Single(RhythmReplay.Run(ecg.Samples, ecg.Beats).Raised(AlertTypes.Asystole)).Time - RhythmReplay.Start).TotalSeconds;
        // The pause's last beat is on the strip, but leaves the detector only with the next: the leads come off before it does.
        var from = (int)Math.Floor(pauseEnd) + 1;

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats, verdictOf: RhythmReplay.ProblemIn(from, from + 5, SignalQualityVerdict.LeadOff));

        Assert.Single(events.Raised(AlertTypes.Asystole));
    }

    [Fact]
    public void A_constant_signal_on_every_lead_is_a_technical_alarm_and_not_asystole()
    {
        var lead0 = new SyntheticEcg(40);
        var lead1 = new SyntheticEcg(40, seed: 2);
        var t = 0.0;
        foreach (var lead in new[] { lead0, lead1 })
        {
            t = lead.AddBeats(0, 25, 0.8);
            lead.AddNoise(0.004);
            Array.Fill(lead.Samples, 0f, (int)(t * RhythmReplay.Rate), lead.Samples.Length - (int)(t * RhythmReplay.Rate)); // the device sends zeros
        }

        var events = RhythmReplay.Run(lead0.Samples, lead0.Beats, lead1: lead1.Samples);

        Assert.Empty(events.Raised(AlertTypes.Asystole));
        Assert.Single(events.Raised(AlertTypes.SignalQuality));
    }

    [Fact]
    public void Monitoring_that_starts_in_p_wave_asystole_raises_asystole_and_does_not_take_the_p_waves_for_qrs_complexes()
    {
        var ecg = new SyntheticEcg(30);
        for (var p = 0.5; p < 29.5; p += 0.8)
        {
            ecg.AddPWave(p);
        }

        ecg.AddNoise(0.004);

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats);

        Assert.Single(events.Raised(AlertTypes.Asystole));
        Assert.Empty(events.Raised(AlertTypes.SignalQuality));
    }

    [Fact]
    public void Asystole_is_still_raised_after_the_device_clock_steps_back_an_hour()
    {
        // Beats, then the clock steps back an hour with the numbering going on, then nothing but P waves: the signal's
        // clock must not take every later window for one it has already seen.
        var ecg = new SyntheticEcg(60);
        var t = ecg.AddBeats(0, 25, 0.8);
        for (var p = t + 0.8; p < 59.5; p += 0.8)
        {
            ecg.AddPWave(p);
        }

        ecg.AddNoise(0.004);

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats, clockStep: (10, TimeSpan.FromHours(1)));

        var raise = Assert.Single(events.Raised(AlertTypes.Asystole));
        Assert.InRange((raise.Time + TimeSpan.FromHours(1) - RhythmReplay.Start).TotalSeconds, t + 3, t + 6);
    }

    [Fact]
    public void Beats_lead_0_loses_for_six_seconds_while_lead_1_shows_them_are_a_signal_quality_alarm_not_asystole()
    {
        var lead0 = new SyntheticEcg(50);
        var lead1 = new SyntheticEcg(50, seed: 2);
        lead0.AddBeats(0, 60, 0.8);
        lead1.AddBeats(0, 60, 0.8);
        // The electrode of lead 0 loses contact from 20 to 26 s: its beats shrink to a tenth and the detector finds none there.
        for (var i = 20 * RhythmReplay.Rate; i < 26 * RhythmReplay.Rate; i++)
        {
            lead0.Samples[i] *= 0.1f;
        }

        var found = lead0.Beats.Where(beat => beat.Sample < 20 * RhythmReplay.Rate || beat.Sample > 26 * RhythmReplay.Rate).ToList();

        var oneLead = RhythmReplay.Run(lead0.Samples, found);
        var twoLeads = RhythmReplay.Run(lead0.Samples, found, lead1: lead1.Samples);

        Assert.Single(oneLead.Raised(AlertTypes.Asystole));
        Assert.Empty(twoLeads.Raised(AlertTypes.Asystole));
        var technical = Assert.Single(twoLeads.Raised(AlertTypes.SignalQuality));
        Assert.Contains(SignalQualityVerdict.NoQrsOnLead0, technical.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Five_seconds_without_a_qrs_on_either_lead_raise_asystole_and_no_signal_quality_alarm()
    {
        var lead0 = new SyntheticEcg(60);
        var lead1 = new SyntheticEcg(60, seed: 2);
        var t = 0.0;
        foreach (var lead in new[] { lead0, lead1 })
        {
            t = lead.AddBeats(0, 25, 0.8);
            for (var p = t + 0.8; p < t + 6.5; p += 0.8)
            {
                lead.AddPWave(p);
            }

            lead.AddBeats(t + 6, 45, 0.8);
            lead.AddNoise(0.004);
        }

        var events = RhythmReplay.Run(lead0.Samples, lead0.Beats, lead1: lead1.Samples);

        var raise = Assert.Single(events.Raised(AlertTypes.Asystole));
        Assert.InRange((raise.Time - RhythmReplay.Start).TotalSeconds, t + 3, t + 6);
        Assert.Single(events.Raised(AlertTypes.Pause));
        Assert.Empty(events.Raised(AlertTypes.SignalQuality));
    }

    /// <summary>20 normal beats, then a PVC after every 4 normal beats for 45 cycles (about 12 PVCs a minute).</summary>
    private static SyntheticEcg PvcEveryFifthBeat()
    {
        var ecg = new SyntheticEcg(200);
        var t = ecg.AddBeats(0, 20, 0.8);
        for (var i = 0; i < 45; i++)
        {
            t = ecg.AddBeats(t, 4, 0.8);
            t = ecg.AddBeats(t, 1, 0.55, "V");
        }

        return ecg;
    }

    /// <summary>8 N V cycles, a couplet (the pattern breaks and the alarm clears), then 16 more cycles (22.4 s); the couplet's time.</summary>
    /// <summary>The bigeminy raises of <see cref="BigeminyBrokenByACouplet"/> with a 30-s hold-off, the device's clock
    /// stepped back an hour just after the couplet.</summary>
    private static List<AlertMessage> BigeminyHeldOff30SecondsAcrossAClockStepBackOfAnHour()
    {
        var (ecg, couplet) = BigeminyBrokenByACouplet();
        var heldLonger = new AlertsOptions();
        heldLonger.Bigeminy.HoldOff = TimeSpan.FromSeconds(30);
        return RhythmReplay.Run(ecg.Samples, ecg.Beats, heldLonger, clockStep: ((int)couplet + 2, TimeSpan.FromHours(1))).Raised(AlertTypes.Bigeminy);
    }

    private static (SyntheticEcg Ecg, double Couplet) BigeminyBrokenByACouplet()
    {
        var ecg = new SyntheticEcg(70);
        var t = ecg.AddBeats(0, 10, 0.8);
        t = AddBigeminy(ecg, t, 8);
        ecg.AddBeat(t += 0.5, "V");
        var couplet = t;
        t = AddBigeminy(ecg, t, 16);
        ecg.AddBeats(t, 10, 0.8);
        return (ecg, couplet);
    }

    private static double AddBigeminy(SyntheticEcg ecg, double t, int cycles)
    {
        for (var cycle = 0; cycle < cycles; cycle++)
        {
            t = ecg.AddBeats(t, 1, 0.9);
            t = ecg.AddBeats(t, 1, 0.5, "V");
        }

        return t;
    }

    /// <summary>20 beats at 75 bpm, 3 fast beats without P wave and with a QRS 1.8 times as wide (called N), 15 beats at 75 bpm.</summary>
    private static SyntheticEcg SuddenRunOfWiderBeats()
    {
        var ecg = new SyntheticEcg(40);
        var t = ecg.AddBeats(0, 20, 0.8);
        t = ecg.AddBeats(t, 3, 0.4, pWave: false, qrsWidth: 1.8);
        ecg.AddBeats(t, 15, 0.8);
        return ecg;
    }
}
