using AtdMonitor.Protocol.Messages;
using AtdMonitor.Station.Ward;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;

namespace AtdMonitor.Station.Tests.Ward;

/// <summary>The ward state: strips on the device clock, beat marks, tiles, paging of many beds, alarm states.</summary>
public sealed class WardStateTests
{
    private const float Rate = 360;
    private static readonly DateTimeOffset Origin = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_cursor_gets_only_what_is_new_and_at_most_the_strip_it_asked_for()
    {
        var ward = NewWard();
        for (var second = 0; second < 40; second++)
        {
            ward.Apply(Window("bed0001", second));
        }

        var first = ward.ReadStrip("bed0001", StripCursor.Start, 6, out var cursor)!;
        Assert.Equal(90, first.Rate);
        Assert.Equal(6 * 90, first.Samples.Length);
        Assert.Equal(40 * 90, first.Start + first.Samples.Length);

        ward.Apply(Window("bed0001", 40));
        var next = ward.ReadStrip("bed0001", cursor, 6, out _)!;
        Assert.Equal(cursor.SampleEnd, next.Start);
        Assert.Equal(90, next.Samples.Length);

        var longest = ward.ReadStrip("bed0001", StripCursor.Start, 60, out _)!;
        Assert.Equal(EcgStrip.Seconds * 90, longest.Samples.Length);
    }

    [Fact]
    public void Decimation_keeps_the_r_peak_and_a_missing_window_is_drawn_as_no_signal()
    {
        var ward = NewWard();
        ward.Apply(Window("bed0001", 0, peakAt: 181));
        ward.Apply(Window("bed0001", 2));

        var chunk = ward.ReadStrip("bed0001", StripCursor.Start, 30, out _)!;
        Assert.Equal(3 * 90, chunk.Samples.Length);
        Assert.Equal(1500, chunk.Samples.Take(90).Max());
        Assert.All(chunk.Samples.Skip(90).Take(90), s => Assert.Equal(EcgStrip.NoSignal, s));
        Assert.All(chunk.Samples.Skip(180), s => Assert.NotEqual(EcgStrip.NoSignal, s));
    }

    [Fact]
    public void Beats_are_marked_on_the_strip_clock_and_counted_per_class_over_the_last_minute()
    {
        var ward = NewWard();
        for (var second = 0; second < 90; second++)
        {
            ward.Apply(Window("bed0001", second));
            ward.Apply(Beat("bed0001", second + 0.5, second % 10 == 0 ? "V" : "N"));
        }

        var chunk = ward.ReadStrip("bed0001", StripCursor.Start, 6, out _)!;
        var newest = chunk.Marks[^1];
        Assert.Equal((long)(89.5 * 90), newest.Index);
        var tile = ward.Tile("bed0001")!;
        Assert.Equal(54, tile.Counts["N"]);
        Assert.Equal(6, tile.Counts["V"]);
        Assert.Equal(60, tile.HeartRate!.Value, 3);
        Assert.Equal("good", tile.Quality);
        Assert.Equal("N with ectopy", tile.Rhythm);
    }

    [Fact]
    public void The_heart_rate_is_not_shown_once_the_signal_has_gone_on_six_seconds_past_the_newest_beat()
    {
        var ward = NewWard();
        for (var second = 0; second < 20; second++)
        {
            ward.Apply(Window("bed0001", second));
            ward.Apply(Beat("bed0001", second + 0.5, "N"));
        }

        // Asystole: windows go on, beats stop.
        for (var second = 20; second < 26; second++)
        {
            ward.Apply(Window("bed0001", second));
        }

        var shortly = ward.Tile("bed0001")!.HeartRate;
        ward.Apply(Window("bed0001", 26));

        Assert.Equal(60, shortly!.Value, 3);
        Assert.Null(ward.Tile("bed0001")!.HeartRate);
    }

    [Fact]
    public void Of_five_thousand_beds_the_alarming_ones_come_first_by_priority_and_search_and_paging_narrow_the_rest()
    {
        var ward = NewWard();
        for (var bed = 1; bed <= 5000; bed++)
        {
            ward.Apply(Window($"bed{bed:D4}", 0));
        }

        ward.Apply(Alert("bed4000", AlertTypes.FrequentEctopy, AlertState.Raise, 1, AlarmPriority.Low));
        ward.Apply(Alert("bed0300", AlertTypes.VentricularRun, AlertState.Raise, 2, AlarmPriority.High));
        ward.Apply(Alert("bed2000", AlertTypes.Tachycardia, AlertState.Raise, 3, AlarmPriority.Medium));
        ward.Apply(Alert("bed2500", AlertTypes.Pause, AlertState.Raise, 4, AlarmPriority.Medium));
        ward.Apply(Alert("bed2500", AlertTypes.Pause, AlertState.Clear, 5, AlarmPriority.Medium));

        var first = ward.Page(null, alarmingOnly: false, page: 0, size: 24);
        Assert.Equal(5000, first.Total);
        Assert.Equal(["bed0300", "bed2000", "bed4000", "bed0001"], first.Beds.Take(4).Select(b => b.Bed));
        Assert.Equal(AlarmPriority.High, first.Beds[0].Alarm!.Priority);

        Assert.Equal(["bed0300", "bed2000", "bed4000"], ward.Page(null, alarmingOnly: true, page: 0, size: 24).Beds.Select(b => b.Bed));
        var search = ward.Page("BED49", alarmingOnly: false, page: 7, size: 24);
        Assert.Equal(100, search.Total);
        Assert.Equal(4, search.Page);
        Assert.Equal(["bed4996", "bed4997", "bed4998", "bed4999"], search.Beds.Select(b => b.Bed));
    }

    [Fact]
    public void A_cleared_alarm_leaves_the_board_but_stays_in_the_list_and_the_bed_history_below_the_alarms_still_on_the_board()
    {
        var ward = NewWard();
        ward.Apply(Window("bed0001", 0));
        ward.Apply(Alert("bed0001", AlertTypes.Tachycardia, AlertState.Raise, 1, AlarmPriority.Medium));
        ward.Apply(Alert("bed0001", AlertTypes.Pause, AlertState.Raise, 2, AlarmPriority.Medium));
        ward.Apply(Alert("bed0001", AlertTypes.Pause, AlertState.Clear, 3, AlarmPriority.Medium));

        Assert.Equal(AlertTypes.Tachycardia, ward.Tile("bed0001")!.Alarm!.Type);
        var recent = ward.RecentAlarms(10);
        Assert.Equal([(AlertTypes.Tachycardia, "raise", "active"), (AlertTypes.Pause, "clear", "ended")], recent.Select(a => (a.Type, a.State, a.Status)));
        Assert.Equal(Origin.AddSeconds(2), recent[1].Onset);
        Assert.Equal(Origin.AddSeconds(3), recent[1].Changed);
        Assert.Equal(recent, ward.Detail("bed0001")!.Alarms);
    }

    [Fact]
    public void An_alarm_on_the_board_stays_at_the_top_of_the_list_however_many_newer_alarms_come_and_go_or_however_wrong_another_beds_clock()
    {
        var ward = NewWard();
        ward.Apply(Window("bed0001", 0));
        ward.Apply(Alert("bed0001", AlertTypes.VentricularTachycardia, AlertState.Raise, 1, AlarmPriority.High));
        for (var i = 0; i < 600; i++)
        {
            // Another bed whose device clock reads a year ahead, its leads coming off and back again and again.
            var seconds = TimeSpan.FromDays(365).TotalSeconds + i;
            ward.Apply(Alert("bed0002", AlertTypes.SignalQuality, AlertState.Raise, seconds, AlarmPriority.Technical));
            ward.Apply(Alert("bed0002", AlertTypes.SignalQuality, AlertState.Clear, seconds + 0.5, AlarmPriority.Technical));
        }

        var list = ward.RecentAlarms(100);

        Assert.Equal((AlertTypes.VentricularTachycardia, "active"), (list[0].Type, list[0].Status));
        Assert.Equal(WardAlarms.RecentCapacity, ward.RecentAlarms(1000).Count);
    }

    [Fact]
    public void The_alarm_list_keeps_the_newest_500_and_each_bed_history_its_newest_50()
    {
        var ward = NewWard();
        ward.Apply(Window("bed0001", 0));
        for (var i = 0; i < 600; i++)
        {
            ward.Apply(Alert($"bed{i % 7:D4}", AlertTypes.Pause, AlertState.Raise, i, AlarmPriority.Medium));
            ward.Apply(Alert($"bed{i % 7:D4}", AlertTypes.Pause, AlertState.Clear, i + 0.5, AlarmPriority.Medium));
        }

        var all = ward.RecentAlarms(1000);
        Assert.Equal(WardAlarms.RecentCapacity, all.Count);
        Assert.Equal(Origin.AddSeconds(599), all[0].Onset);
        Assert.Equal(Origin.AddSeconds(100), all[^1].Onset);
        Assert.Equal(WardAlarms.HistoryCapacity, ward.Detail("bed0001")!.Alarms.Count);
    }

    [Fact]
    public void A_latched_alarm_stays_on_the_board_after_its_condition_ends_until_acknowledged_and_a_refused_command_changes_nothing()
    {
        var ward = NewWard();
        ward.Apply(Window("bed0001", 0));
        var raise = Alert("bed0001", AlertTypes.VentricularRun, AlertState.Raise, 1, AlarmPriority.High) with { Onset = Origin.AddSeconds(1), Latched = true, Acknowledgement = AlarmAcknowledgement.Unacknowledged };
        ward.Apply(raise);
        ward.Apply(raise with { State = AlertState.Escalate, Time = Origin.AddSeconds(2), Escalated = true });
        Assert.Equal("escalated", ward.Tile("bed0001")!.Alarm!.Status);

        ward.Apply(raise with { State = AlertState.Clear, Time = Origin.AddSeconds(3), End = Origin.AddSeconds(3), Escalated = true });
        Assert.Equal("ended, unacknowledged", ward.Tile("bed0001")!.Alarm!.Status);

        ward.Apply(raise with { State = AlertState.Refuse, Time = Origin.AddSeconds(4), Message = "stale command" });
        Assert.Equal("ended, unacknowledged", ward.Tile("bed0001")!.Alarm!.Status);

        ward.Apply(raise with { State = AlertState.Acknowledge, Time = Origin.AddSeconds(5), End = Origin.AddSeconds(3), Acknowledgement = AlarmAcknowledgement.Acknowledged, Operator = "nurse.ana" });
        Assert.Null(ward.Tile("bed0001")!.Alarm);
        var alarm = Assert.Single(ward.RecentAlarms(10));
        Assert.Equal(("acknowledge", "ended", "nurse.ana", Origin.AddSeconds(1)), (alarm.State, alarm.Status, alarm.Operator, alarm.Onset));
    }

    [Fact]
    public void An_acknowledged_alarm_whose_condition_lasts_stays_on_the_board_as_acknowledged()
    {
        var ward = NewWard();
        ward.Apply(Window("bed0001", 0));
        var raise = Alert("bed0001", AlertTypes.Tachycardia, AlertState.Raise, 1, AlarmPriority.Medium) with { Onset = Origin.AddSeconds(1) };
        ward.Apply(raise);
        ward.Apply(raise with { State = AlertState.Acknowledge, Time = Origin.AddSeconds(2), Acknowledgement = AlarmAcknowledgement.Acknowledged, Operator = "nurse.ana" });

        Assert.Equal(("acknowledged", "nurse.ana"), (ward.Tile("bed0001")!.Alarm!.Status, ward.Tile("bed0001")!.Alarm!.Operator));
        ward.Apply(raise with { State = AlertState.Clear, Time = Origin.AddSeconds(3), End = Origin.AddSeconds(3), Acknowledgement = AlarmAcknowledgement.Acknowledged });
        Assert.Null(ward.Tile("bed0001")!.Alarm);
    }

    private static WardState NewWard() => new();

    private static MonitoredWindow Window(string bed, int second, int? peakAt = null)
    {
        var samples = new float[(int)Rate];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(0.1 * Math.Sin(2 * Math.PI * i / 90.0));
        }

        if (peakAt is { } peak)
        {
            samples[peak] = 1.5f;
        }

        return new MonitoredWindow(bed, 0, second, Origin.AddSeconds(second), Rate, samples, ImageMissing: false, FollowsGap: false, new SignalQualityVerdict(null, 0.2, 0.01));
    }

    private static ClassifiedBeat Beat(string bed, double second, string className) =>
        new(bed, (long)(second * Rate), Origin.AddSeconds(second), className, ["N", "S", "V", "F", "Q"], [0.2f, 0.2f, 0.2f, 0.2f, 0.2f], 1.0f, false);

    private static AlertMessage Alert(string bed, string type, AlertState state, double second, AlarmPriority priority) =>
        new(bed, Origin.AddSeconds(second), type, state, $"{type} {state}", 1, priority);
}
