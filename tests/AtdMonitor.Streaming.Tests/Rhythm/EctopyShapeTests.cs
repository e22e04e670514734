using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Rhythm;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Streaming.Tests.Rhythm;

/// <summary>
/// The ectopy alarms (couplet, bigeminy, trigeminy, PVC rate, frequent ectopy) count a beat called V only when its QRS
/// differs from the bed's dominant beat (<see cref="EctopyOptions.MinimumQrsDifference"/>), on synthetic beats and on
/// DS1 stretches fed with their reference beats; VT keeps the class as it is.
/// </summary>
public sealed class EctopyShapeTests
{
    private static readonly string[] EctopyAlarms = [AlertTypes.Couplet, AlertTypes.Bigeminy, AlertTypes.Trigeminy, AlertTypes.PvcRate, AlertTypes.FrequentEctopy];

    [Fact]
    public void Beats_called_ventricular_that_look_like_the_dominant_beat_raise_no_ectopy_alarm_when_the_shape_check_is_on()
    {
        var ecg = new SyntheticEcg(180);
        var t = ecg.AddBeats(0, 20, 0.8);
        t = ecg.AddBeats(t, 120, 0.8);
        ecg.AddBeats(t, 60, 0.8);
        // Every other beat of the middle stretch is called V, and two adjacent ones make a couplet, but all are shaped like the rest.
        ecg.Beats.Relabel("V", 21, 140, 2);
        ecg.Beats[140] = (ecg.Beats[140].Sample, "V");

        var plain = RhythmReplay.Run(ecg.Samples, ecg.Beats, WithShapeCheck(0));
        var checkedShape = RhythmReplay.Run(ecg.Samples, ecg.Beats, WithShapeCheck(0.1));

        Assert.NotEmpty(plain.Raised(AlertTypes.Bigeminy));
        Assert.NotEmpty(plain.Raised(AlertTypes.PvcRate));
        Assert.NotEmpty(plain.Raised(AlertTypes.FrequentEctopy));
        Assert.NotEmpty(plain.Raised(AlertTypes.Couplet));
        Assert.All(EctopyAlarms, type => Assert.Empty(checkedShape.Raised(type)));
    }

    [Fact]
    public void A_v_call_counts_for_ectopy_when_its_qrs_lies_far_enough_from_the_dominant_beat_or_its_shape_is_unknown()
    {
        var ectopy = RhythmRules.EctopyBeats(WithShapeCheck(0.1));

        Assert.True(ectopy.IsMember(RhythmReplay.Beat(360, "V", 0.8f, qrsTemplateDifference: 0.3f)));
        Assert.False(ectopy.IsMember(RhythmReplay.Beat(360, "V", 0.8f, qrsTemplateDifference: 0.05f)));
        Assert.True(ectopy.IsUncertain(RhythmReplay.Beat(360, "V", 0.8f, qrsTemplateDifference: 0.05f)));
        Assert.True(ectopy.IsMember(RhythmReplay.Beat(360, "V", 0.8f, qrsTemplateDifference: null)));
        Assert.True(RhythmRules.EctopyBeats(WithShapeCheck(0)).IsMember(RhythmReplay.Beat(360, "V", 0.8f, qrsTemplateDifference: 0.05f)));
    }

    [Fact]
    public void Wide_ventricular_beats_still_raise_bigeminy_pvc_rate_frequent_ectopy_and_a_couplet_with_the_shape_check_on()
    {
        // Bigeminy for 78 s: the PVC rate must stay high for its minimum duration of a minute.
        var ecg = new SyntheticEcg(160);
        var t = ecg.AddBeats(0, 20, 0.8);
        for (var cycle = 0; cycle < 60; cycle++)
        {
            t = ecg.AddBeats(t, 1, 0.8);
            t = ecg.AddBeats(t, 1, 0.5, "V");
        }

        t = ecg.AddBeats(t, 20, 0.8);
        t = ecg.AddBeats(t, 2, 0.45, "V");
        ecg.AddBeats(t, 20, 0.8);

        var events = RhythmReplay.Run(ecg.Samples, ecg.Beats, WithShapeCheck(0.1));

        Assert.NotEmpty(events.Raised(AlertTypes.Bigeminy));
        Assert.NotEmpty(events.Raised(AlertTypes.PvcRate));
        Assert.NotEmpty(events.Raised(AlertTypes.FrequentEctopy));
        Assert.Single(events.Raised(AlertTypes.Couplet));
    }

    [Fact]
    public void Ventricular_tachycardia_called_on_beats_shaped_like_the_dominant_beat_is_untouched_by_the_ectopy_shape_check()
    {
        var ecg = new SyntheticEcg(40);
        var t = ecg.AddBeats(0, 20, 0.8);
        var first = ecg.Beats.Count;
        t = ecg.AddBeats(t, 8, 0.45);
        ecg.AddBeats(t, 15, 0.8);
        ecg.Beats.Relabel("V", first, first + 8);

        Assert.Single(RhythmReplay.Run(ecg.Samples, ecg.Beats, WithShapeCheck(0.1)).Raised(AlertTypes.VentricularTachycardia));
    }

    [SkippableFact]
    public void The_bigeminy_of_record_119_still_raises_bigeminy_and_pvc_rate_with_the_shape_check_on()
    {
        var stretch = RecordStretch.Read(TestData.RequireMitdb(), "119", 0, 240);

        var events = RhythmReplay.Run(stretch.Lead0, stretch.Beats, WithShapeCheck(0.1));

        Assert.NotEmpty(events.Raised(AlertTypes.Bigeminy));
        Assert.NotEmpty(events.Raised(AlertTypes.PvcRate));
    }

    [SkippableFact]
    public void Sinus_beats_of_record_101_called_ventricular_every_other_beat_raise_no_ectopy_alarm_with_the_shape_check_on()
    {
        var stretch = RecordStretch.Read(TestData.RequireMitdb(), "101", 0, 150);
        stretch.Beats.Relabel("V", 20, stretch.Beats.Count, 2);

        var plain = RhythmReplay.Run(stretch.Lead0, stretch.Beats, WithShapeCheck(0));
        var checkedShape = RhythmReplay.Run(stretch.Lead0, stretch.Beats, WithShapeCheck(0.1));

        Assert.NotEmpty(plain.Raised(AlertTypes.Bigeminy));
        Assert.NotEmpty(plain.Raised(AlertTypes.PvcRate));
        Assert.All(EctopyAlarms, type => Assert.Empty(checkedShape.Raised(type)));
    }

    private static AlertsOptions WithShapeCheck(double minimumQrsDifference) => new() { Ectopy = new EctopyOptions { MinimumQrsDifference = minimumQrsDifference } };
}
