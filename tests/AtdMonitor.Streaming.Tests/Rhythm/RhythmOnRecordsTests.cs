using AtdMonitor.Data.Beats;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Streaming.Tests.Rhythm;

/// <summary>
/// The rhythm rules on real MIT-BIH stretches, fed the signal and the reference beats as the classifier's verdicts: DS1
/// records (where the rules were tuned), and the sinus start of 100 (DS2) as a check that was never used for tuning.
/// Records outside the bundled samples skip when the data is absent.
/// </summary>
public sealed class RhythmOnRecordsTests
{
    [SkippableFact]
    public void Atrial_fibrillation_in_record_201_raises_the_alert()
    {
        var directory = TestData.RequireMitdb();
        var onset = RecordStretch.FirstRhythm(RecordStretch.Annotations(directory, "201"), "(AFIB") ?? throw new InvalidOperationException("201 has no (AFIB annotation");
        var stretch = RecordStretch.Read(directory, "201", onset, 120);

        var raised = RhythmReplay.Run(stretch.Lead0, stretch.Beats).Raised(AlertTypes.AtrialFibrillation);

        Assert.NotEmpty(raised);
        Assert.True((raised[0].Time - RhythmReplay.Start).TotalSeconds < 60, $"AF raised only after {(raised[0].Time - RhythmReplay.Start).TotalSeconds:0} s");
    }

    [SkippableFact]
    public void Atrial_fibrillation_throughout_record_203_with_its_ventricular_runs_stays_fewer_alarms_with_the_clear_on_its_own_vote()
    {
        // 203 is AF (and flutter) from start to end, broken by runs of VT: with the raise's 8 of 10 as its clear, the
        // AF alarm clears around the runs and comes back; clearing on 24 of 30 keeps more of the AF under fewer alarms.
        var directory = TestData.RequireMitdb();
        var stretch = RecordStretch.Read(directory, "203", 0, 900);
        var raiseVoteClears = new AlertsOptions();
        raiseVoteClears.AtrialFibrillation.ClearK = null;
        raiseVoteClears.AtrialFibrillation.ClearN = null;

        var ownVote = AfIntervals(RhythmReplay.Run(stretch.Lead0, stretch.Beats));
        var raiseVote = AfIntervals(RhythmReplay.Run(stretch.Lead0, stretch.Beats, raiseVoteClears));

        Assert.True(ownVote.Count < raiseVote.Count, $"{ownVote.Count} AF alarms with its own clear vote, {raiseVote.Count} with the raise's");
        Assert.True(ownVote.Sum(a => a.To - a.From) > raiseVote.Sum(a => a.To - a.From),
            $"AF alarmed {ownVote.Sum(a => a.To - a.From):0} s with its own clear vote, {raiseVote.Sum(a => a.To - a.From):0} s with the raise's");
        Assert.True(ownVote.Sum(a => a.To - a.From) >= 0.9 * 900, $"AF alarmed {ownVote.Sum(a => a.To - a.From):0} s of 900");
    }

    [SkippableFact]
    public void The_first_supraventricular_tachycardia_of_record_209_raises_svt_from_rate_onset_and_shape()
    {
        var directory = TestData.RequireMitdb();
        var onset = RecordStretch.FirstRhythm(RecordStretch.Annotations(directory, "209"), "(SVTA") ?? throw new InvalidOperationException("209 has no (SVTA annotation");
        var stretch = RecordStretch.Read(directory, "209", onset - (30 * RhythmReplay.Rate), 45);
        // The classifier's calls play no part: every beat is handed over as N.
        var beats = stretch.Beats.Select(beat => (beat.Sample, "N")).ToList();

        var raised = RhythmReplay.Run(stretch.Lead0, beats).Raised(AlertTypes.SupraventricularTachycardia);

        var svt = Assert.Single(raised);
        Assert.InRange((svt.Time - RhythmReplay.Start).TotalSeconds, 30, 36);
    }

    [SkippableFact]
    public void The_supraventricular_tachycardia_of_record_209_at_14_23_raises_svt_at_the_beats_the_stream_s_detector_finds()
    {
        var directory = TestData.RequireMitdb();
        var whole = RecordStretch.Read(directory, "209", 0, 1805);
        var peaks = new List<long>();
        new StreamingRPeakDetector().Process(whole.Lead0, peaks);

        var raised = RhythmReplay.Run(whole.Lead0, [.. peaks.Select(peak => (peak, "N"))]).Raised(AlertTypes.SupraventricularTachycardia);

        Assert.Contains(raised, svt => (svt.Time - RhythmReplay.Start).TotalSeconds is >= (14 * 60) + 22 and <= (14 * 60) + 30);
    }

    [SkippableFact]
    public void Atrial_fibrillation_in_record_201_raises_no_svt()
    {
        var directory = TestData.RequireMitdb();
        var onset = RecordStretch.FirstRhythm(RecordStretch.Annotations(directory, "201"), "(AFIB") ?? throw new InvalidOperationException("201 has no (AFIB annotation");
        var stretch = RecordStretch.Read(directory, "201", onset, 120);

        Assert.Empty(RhythmReplay.Run(stretch.Lead0, stretch.Beats).Raised(AlertTypes.SupraventricularTachycardia));
    }

    [SkippableTheory]
    [InlineData(378.0)]
    [InlineData(1786.8)]
    public void The_longest_pauses_of_record_201_are_seen_as_asystole_once_raise_is_below_them(double pauseSeconds)
    {
        var directory = TestData.RequireMitdb();
        var stretch = RecordStretch.Read(directory, "201", (long)((pauseSeconds - 30) * RhythmReplay.Rate), 40);
        var options = new AlertsOptions();
        options.Asystole.Raise = 3.2;

        var raised = RhythmReplay.Run(stretch.Lead0, stretch.Beats, options).Raised(AlertTypes.Asystole);

        var asystole = Assert.Single(raised);
        Assert.InRange((asystole.Time - RhythmReplay.Start).TotalSeconds, 30, 35);
    }

    [SkippableFact]
    public void Two_beats_of_record_201_the_detector_missed_are_no_pause_but_its_real_pause_is()
    {
        var directory = TestData.RequireMitdb();
        var stretch = RecordStretch.Read(directory, "201", (long)((378.0 - 30) * RhythmReplay.Rate), 40);
        var first = stretch.Beats.FindIndex(beat => beat.Sample > 10 * RhythmReplay.Rate);
        var missed = stretch.Beats[first + 2].Sample - stretch.Beats[first - 1].Sample;
        stretch.Beats.RemoveRange(first, 2);

        var pauses = RhythmReplay.Run(stretch.Lead0, stretch.Beats).Raised(AlertTypes.Pause);

        Assert.True(missed > 2 * RhythmReplay.Rate, $"the gap left is {missed / (double)RhythmReplay.Rate:0.00} s, no pause to test");
        var pause = Assert.Single(pauses);
        Assert.InRange((pause.Time - RhythmReplay.Start).TotalSeconds, 33, 34);
    }

    [SkippableFact]
    public void Lead_0_losing_its_qrs_for_seven_seconds_in_record_116_is_a_signal_quality_alarm_and_no_asystole_when_lead_1_comes()
    {
        var directory = TestData.RequireMitdb();
        var stretch = RecordStretch.Read(directory, "116", 1320 * RhythmReplay.Rate, 60);
        // From 22:34.5 to 22:41.5 lead 0's QRS shrink to a tenth; the worker's detector finds no beat there (the annotators
        // marked them from lead 1, where they go on).
        var found = stretch.Beats.Where(beat => beat.Sample < 34.5 * RhythmReplay.Rate || beat.Sample > 41.5 * RhythmReplay.Rate).ToList();

        var oneLead = RhythmReplay.Run(stretch.Lead0, found);
        var twoLeads = RhythmReplay.Run(stretch.Lead0, found, lead1: stretch.Lead1);

        Assert.NotEmpty(oneLead.Raised(AlertTypes.Asystole));
        Assert.Empty(twoLeads.Raised(AlertTypes.Asystole));
        Assert.Contains(twoLeads.Raised(AlertTypes.SignalQuality), alert => alert.Message.Contains(SignalQualityVerdict.NoQrsOnLead0, StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Ventricular_flutter_in_record_207_raises_ventricular_fibrillation()
    {
        var directory = TestData.RequireMitdb();
        var onset = RecordStretch.FirstRhythm(RecordStretch.Annotations(directory, "207"), "(VFL") ?? throw new InvalidOperationException("207 has no (VFL annotation");
        var stretch = RecordStretch.Read(directory, "207", onset - (10 * RhythmReplay.Rate), 40);

        Assert.NotEmpty(RhythmReplay.Run(stretch.Lead0, stretch.Beats).Raised(AlertTypes.VentricularFibrillation));
    }

    [SkippableFact]
    public void Ventricular_flutter_in_record_207_keeps_the_alarm_up_for_most_of_its_length_and_nowhere_else()
    {
        var directory = TestData.RequireMitdb();
        var rhythms = RecordStretch.Annotations(directory, "207").Where(a => a.Code == RecordStretch.RhythmCode && a.Aux is not null).ToList();
        var flutter = rhythms.Zip(rhythms.Skip(1)).Where(pair => pair.First.Aux!.TrimEnd('\0', ' ') == "(VFL")
            .Select(pair => (From: pair.First.Sample / (double)RhythmReplay.Rate, To: pair.Second.Sample / (double)RhythmReplay.Rate)).ToList();
        var whole = RecordStretch.Read(directory, "207", 0, 1805);

        var events = RhythmReplay.Run(whole.Lead0, whole.Beats).Where(e => e.Type == AlertTypes.VentricularFibrillation).ToList();
        var alarms = events.Zip(events.Skip(1)).Where(pair => pair.First.State == AlertState.Raise && pair.Second.State == AlertState.Clear)
            .Select(pair => (From: (pair.First.Time - RhythmReplay.Start).TotalSeconds, To: (pair.Second.Time - RhythmReplay.Start).TotalSeconds)).ToList();

        var covered = flutter.Sum(f => alarms.Sum(a => Math.Max(0, Math.Min(f.To, a.To) - Math.Max(f.From, a.From))));
        Assert.True(covered >= 0.55 * flutter.Sum(f => f.To - f.From), $"VF alarm over {covered:0} s of {flutter.Sum(f => f.To - f.From):0} s of flutter");
        Assert.All(alarms, a => Assert.Contains(flutter, f => a.From <= f.To + 5 && a.To >= f.From - 1));
    }

    [SkippableFact]
    public void The_first_fast_run_of_six_ventricular_beats_in_record_203_raises_ventricular_tachycardia()
    {
        var directory = TestData.RequireMitdb();
        var whole = RecordStretch.Read(directory, "203", 0, 1805);
        var run = FirstRun(whole.Beats, 6);
        var stretch = RecordStretch.Read(directory, "203", run - (30 * RhythmReplay.Rate), 45);

        var events = RhythmReplay.Run(stretch.Lead0, stretch.Beats);

        Assert.NotEmpty(events.Raised(AlertTypes.VentricularTachycardia));
    }

    [SkippableFact]
    public void The_first_fast_run_of_three_ventricular_beats_in_record_203_is_a_run_and_not_ventricular_tachycardia()
    {
        var directory = TestData.RequireMitdb();
        var whole = RecordStretch.Read(directory, "203", 0, 1805);
        var run = FirstRun(whole.Beats, 3, exact: true);
        var stretch = RecordStretch.Read(directory, "203", run - (30 * RhythmReplay.Rate), 36);

        var events = RhythmReplay.Run(stretch.Lead0, stretch.Beats);

        Assert.NotEmpty(events.Raised(AlertTypes.VentricularRun));
        Assert.Empty(events.Raised(AlertTypes.VentricularTachycardia));
    }

    [Fact]
    public void The_first_couplet_of_record_208_raises_the_couplet_alert()
    {
        var samples = Path.Combine(TestData.Samples, "mitdb");
        var whole = RecordStretch.Read(samples, "208", 0, 1805);
        var couplet = FirstRun(whole.Beats, 2, exact: true);
        var stretch = RecordStretch.Read(samples, "208", couplet - (30 * RhythmReplay.Rate), 40);

        Assert.NotEmpty(RhythmReplay.Run(stretch.Lead0, stretch.Beats).Raised(AlertTypes.Couplet));
    }

    [Fact]
    public void Ventricular_bigeminy_in_record_119_raises_bigeminy()
    {
        var samples = Path.Combine(TestData.Samples, "mitdb");
        var onset = RecordStretch.FirstRhythm(RecordStretch.Annotations(samples, "119"), "(B") ?? throw new InvalidOperationException("119 has no (B annotation");
        var stretch = RecordStretch.Read(samples, "119", onset - (20 * RhythmReplay.Rate), 80);

        Assert.NotEmpty(RhythmReplay.Run(stretch.Lead0, stretch.Beats).Raised(AlertTypes.Bigeminy));
    }

    [Fact]
    public void Two_minutes_of_sinus_rhythm_in_record_100_raise_no_rhythm_alert()
    {
        var stretch = RecordStretch.Read(Path.Combine(TestData.Samples, "mitdb"), "100", 0, 120);

        var raised = RhythmReplay.Run(stretch.Lead0, stretch.Beats).Where(e => e.State == AlertState.Raise).ToList();

        Assert.True(raised.Count == 0, string.Join("; ", raised.Select(e => $"{e.Type} {e.Message}")));
    }

    /// <summary>The sample of the first ventricular run of at least (or exactly) <paramref name="length"/> beats above 100 bpm.</summary>
    /// <summary>The AF alarms of a replay, seconds from its start: from each raise's onset to its clear's end (or the last event).</summary>
    private static List<(double From, double To)> AfIntervals(List<AlertMessage> events)
    {
        var af = events.Where(e => e.Type == AlertTypes.AtrialFibrillation && e.State is AlertState.Raise or AlertState.Clear).ToList();
        var end = (events.Max(e => e.Time) - RhythmReplay.Start).TotalSeconds;
        return [.. af.Select((e, i) => (e, i)).Where(p => p.e.State == AlertState.Raise).Select(p =>
            (From: ((p.e.Onset ?? p.e.Time) - RhythmReplay.Start).TotalSeconds,
             To: p.i + 1 < af.Count ? ((af[p.i + 1].End ?? af[p.i + 1].Time) - RhythmReplay.Start).TotalSeconds : end))];
    }

    private static long FirstRun(List<(long Sample, string Class)> beats, int length, bool exact = false)
    {
        for (var i = 0; i + length <= beats.Count; i++)
        {
            var run = 0;
            while (i + run < beats.Count && beats[i + run].Class == "V")
            {
                run++;
            }

            var fast = run >= 2 && (beats[i + run - 1].Sample - beats[i].Sample) / (double)(run - 1) < 0.6 * RhythmReplay.Rate;
            if ((exact ? run == length : run >= length) && fast && i > 0 && beats[i - 1].Class == "N")
            {
                return beats[i].Sample;
            }

            i += run;
        }

        throw new InvalidOperationException($"No ventricular run of {length} beats in the record.");
    }
}
