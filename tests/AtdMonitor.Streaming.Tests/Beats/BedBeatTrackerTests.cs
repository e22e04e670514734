using AtdMonitor.Data.Noise;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Pairing;
using AtdMonitor.Streaming.Tests.EndToEnd;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Streaming.Tests.Beats;

public sealed class BedBeatTrackerTests
{
    private readonly MitBihWindows _record = new(Path.Combine(TestData.Samples, "mitdb"), "100", "bed-100", Support.Messages.Start);

    [Fact]
    public void Beats_carry_their_image_crop_unless_a_window_of_it_came_without_one()
    {
        var tracker = new BedBeatTracker(new SignalQualityAlertOptions());
        var beats = new List<BeatCandidate>();

        for (var sequence = 0; sequence < 20; sequence++)
        {
            var window = new PairedWindow(_record.Ecg(sequence), sequence == 10 ? null : _record.Image(sequence), 0, sequence == 0, []);
            beats.AddRange(tracker.Process(window).Beats);
        }

        Assert.InRange(beats.Count, _record.ReferenceBeats(0, 20 * 360) - 3, _record.ReferenceBeats(0, 20 * 360));
        Assert.All(beats.Where(b => b.RPeakSample is >= 10 * 360 and < 11 * 360), b => Assert.False(b.ImagePresent));
        Assert.Contains(beats, b => b.ImagePresent);
        Assert.All(beats, b => Assert.Equal(b.RPeakSample / 360.0, (b.Time - Support.Messages.Start).TotalSeconds, precision: 5));
    }

    [Fact]
    public void A_window_after_a_gap_resets_the_detector_so_no_beat_spans_the_missing_windows()
    {
        var tracker = new BedBeatTracker(new SignalQualityAlertOptions());
        var beats = new List<BeatCandidate>();
        var gaps = new List<long>();

        foreach (var sequence in Enumerable.Range(0, 10).Concat(Enumerable.Range(13, 10)))
        {
            var window = new PairedWindow(_record.Ecg(sequence), _record.Image(sequence), 0, sequence == 13, []);
            var result = tracker.Process(window);
            beats.AddRange(result.Beats);
            if (result.Window.FollowsGap)
            {
                gaps.Add(sequence);
            }
        }

        Assert.Equal([0L, 13L], gaps);
        Assert.DoesNotContain(beats, b => b.RPeakSample is >= 10 * 360 and < 13 * 360);
        var afterGap = beats.Where(b => b.RPeakSample >= 13 * 360).ToList();
        Assert.NotEmpty(afterGap);
        Assert.All(afterGap, b => Assert.True(b.Rhythm[0] < 2.0f, $"pre-RR {b.Rhythm[0]} s spans the gap"));
    }

    [Fact]
    public void A_window_whose_device_reports_lead_0_off_is_poor_for_that_reason_and_a_lead_1_reported_off_is_not_used()
    {
        var tracker = new BedBeatTracker(new SignalQualityAlertOptions());
        MonitoredWindow? last = null;
        for (var sequence = 0; sequence < 12; sequence++)
        {
            var ecg = _record.Ecg(sequence);
            var window = new PairedWindow(sequence >= 10 ? ecg with { LeadsOff = (byte)(sequence == 10 ? 0b01 : 0b10) } : ecg, _record.Image(sequence), 0, sequence == 0, []);
            var result = tracker.Process(window);
            Assert.Equal(sequence == 10 ? SignalQualityVerdict.LeadOff : null, result.Window.Quality.Problem);
            last = result.Window;
        }

        Assert.Null(last!.Lead1Millivolts);
    }

    [Fact]
    public void Beats_of_a_clean_record_are_confirmed_by_the_second_detector_so_no_window_is_poor()
    {
        var tracker = new BedBeatTracker(new SignalQualityAlertOptions());

        var windows = Enumerable.Range(0, 120).Select(sequence => tracker.Process(new PairedWindow(_record.Ecg(sequence), null, 0, sequence == 0, []))).ToList();

        Assert.All(windows, result => Assert.False(result.Window.Quality.IsPoor, $"window {result.Window.Sequence}: {result.Window.Quality.Problem}"));
        Assert.DoesNotContain(windows.SelectMany(result => result.Beats), beat => beat.SignalPoor);
    }

    [SkippableFact]
    public void In_the_noise_of_record_108_beats_the_second_detector_does_not_confirm_make_the_windows_poor_and_their_beats_unclassifiable()
    {
        // 108 (DS1) at 28:30 to 28:55: lead 0 marked noisy, where the main detector finds beats in the noise.
        var record = new MitBihWindows(TestData.RequireMitdb(), "108", "bed-108", Support.Messages.Start);
        var quality = new SignalQualityAlertOptions();
        var tracker = new BedBeatTracker(quality);
        var off = new BedBeatTracker(new SignalQualityAlertOptions { UnconfirmedBeatsPoor = 0 });

        var windows = Enumerable.Range(1680, 60).Select(sequence => tracker.Process(new PairedWindow(record.Ecg(sequence), null, 0, sequence == 1680, []))).ToList();
        var withoutCheck = Enumerable.Range(1680, 60).Select(sequence => off.Process(new PairedWindow(record.Ecg(sequence), null, 0, sequence == 1680, []))).ToList();

        var poor = windows.Where(result => result.Window.Quality.Problem == SignalQualityVerdict.UnconfirmedBeats).ToList();
        Assert.NotEmpty(poor);
        Assert.All(poor, result => Assert.InRange(result.Window.Sequence, 1705, 1739));
        Assert.All(poor.SelectMany(result => result.Beats), beat => Assert.True(beat.SignalPoor));
        Assert.DoesNotContain(withoutCheck, result => result.Window.Quality.IsPoor);
    }

    [SkippableFact]
    public void Beats_of_a_lead_0_artefact_are_marked_missed_on_lead_1_and_the_beats_of_a_clean_record_are_not()
    {
        // 108 (DS1) at 28:59 to 29:02: the main detector finds five "beats" in lead 0's noise where no beat is annotated.
        var record = new MitBihWindows(TestData.RequireMitdb(), "108", "bed-108", Support.Messages.Start);
        var tracker = new BedBeatTracker(new SignalQualityAlertOptions());
        var clean = new BedBeatTracker(new SignalQualityAlertOptions());

        var beats = Enumerable.Range(1700, 45).SelectMany(sequence => tracker.Process(new PairedWindow(record.Ecg(sequence), null, 0, sequence == 1700, [])).Beats).ToList();
        var cleanBeats = Enumerable.Range(0, 120).SelectMany(sequence => clean.Process(new PairedWindow(_record.Ecg(sequence), null, 0, sequence == 0, [])).Beats).ToList();

        var artefacts = beats.Where(beat => beat.RPeakSample is >= 1739 * 360 and < 1742 * 360
            && !record.Annotations.Any(a => a.IsBeat && Math.Abs(a.Sample - beat.RPeakSample) <= 54)).ToList();
        Assert.Equal(5, artefacts.Count);
        Assert.True(artefacts.Count(beat => beat.MissedOnLead1) >= 4, $"{artefacts.Count(beat => beat.MissedOnLead1)} of 5 artefacts missed on lead 1");
        Assert.DoesNotContain(cleanBeats, beat => beat.MissedOnLead1);
    }

    [Theory]
    [InlineData("flat")]
    [InlineData("rail")]
    [InlineData("mains")]
    public void A_lead_1_that_shows_no_qrs_marks_no_beat_missed_so_it_cannot_hold_back_a_ventricular_alarm(string lead1)
    {
        // A lead off: flat, at the amplifier's rail, or picking up mains hum. Lead 1 is not believed.
        var tracker = new BedBeatTracker(new SignalQualityAlertOptions());

        var beats = Enumerable.Range(0, 60).SelectMany(sequence =>
        {
            var ecg = _record.Ecg(sequence);
            var samples = ecg.Samples.ToArray();
            for (var i = 0; i < 360; i++)
            {
                samples[360 + i] = lead1 switch
                {
                    "flat" => 0f,
                    "rail" => 12f,
                    _ => (float)(0.3 * Math.Sin(2 * Math.PI * 60 * ((sequence * 360) + i) / 360.0)),
                };
            }

            return tracker.Process(new PairedWindow(ecg with { Samples = samples }, null, 0, sequence == 0, [])).Beats;
        }).ToList();

        Assert.True(beats.Count > 50, $"{beats.Count} beats");
        Assert.DoesNotContain(beats, beat => beat.MissedOnLead1);
    }

    [Fact]
    public void A_lead_1_in_muscle_noise_is_not_believed_so_the_true_beats_its_detector_misses_are_not_marked_missed()
    {
        // 233's first 10 minutes (many PVCs) with realistic noise at 12 dB on lead 1 alone: noisy, not yet poor.
        var noisy = new MitBihWindows(Path.Combine(TestData.Samples, "mitdb"), "233", "bed-233", Support.Messages.Start, EcgNoise.AtSnr(12, 1));
        IReadOnlyList<BeatCandidate> Track(SignalQualityAlertOptions quality)
        {
            var tracker = new BedBeatTracker(quality);
            return Enumerable.Range(0, 600).SelectMany(sequence => tracker.Process(new PairedWindow(noisy.Ecg(sequence), null, 0, sequence == 0, [])).Beats).ToList();
        }

        var believedUpToPoor = Track(new SignalQualityAlertOptions { Lead1BelievedNoiseIndex = 0.15 });
        var shipped = Track(new SignalQualityAlertOptions());

        var missedTrueBeats = believedUpToPoor.Count(beat => beat.MissedOnLead1 && noisy.Annotations.Any(a => a.IsBeat && Math.Abs(a.Sample - beat.RPeakSample) <= 54));
        Assert.DoesNotContain(shipped, beat => beat.MissedOnLead1);
        Assert.True(missedTrueBeats >= 5, $"{missedTrueBeats} annotated beats missed on the noisy lead 1 while it is believed up to poor");
    }

    [Fact]
    public void Beats_of_a_bed_that_sends_one_lead_are_never_marked_missed_on_lead_1()
    {
        var tracker = new BedBeatTracker(new SignalQualityAlertOptions());

        var beats = Enumerable.Range(0, 60).SelectMany(sequence =>
        {
            var ecg = _record.Ecg(sequence);
            var oneLead = ecg with { Leads = 1, Samples = ecg.Lead(0).ToArray() };
            return tracker.Process(new PairedWindow(oneLead, null, 0, sequence == 0, [])).Beats;
        }).ToList();

        Assert.NotEmpty(beats);
        Assert.DoesNotContain(beats, beat => beat.MissedOnLead1);
    }
}
