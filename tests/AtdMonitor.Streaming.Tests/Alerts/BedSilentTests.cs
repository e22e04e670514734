using System.Reactive.Concurrency;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Feed;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Sink;
using AtdMonitor.Streaming.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace AtdMonitor.Streaming.Tests.Alerts;

/// <summary>The technical alarm bed_silent on a virtual clock, through the alert engine as the worker wires it.</summary>
public sealed class BedSilentTests : IDisposable
{
    private readonly HistoricalScheduler _clock = new(Messages.Start);
    private readonly MonitoringFeed _feed = new();
    private readonly TestMetrics _metrics = new();
    private readonly List<AlertMessage> _alerts = [];
    private readonly AlarmSystem _alarms;
    private readonly AlertPublisher _publisher;
    private readonly IDisposable _watch;

    public BedSilentTests()
        : this(new AlertsOptions())
    {
    }

    private BedSilentTests(AlertsOptions alertsOptions)
    {
        var options = Options.Create(alertsOptions);
        var sink = new Mock<IMeasurementSink>();
        _alarms = new AlarmSystem(options, sink.Object, Mock.Of<IAlarmJournal>(), _clock, NullLogger<AlarmSystem>.Instance);
        var outbound = new OutboundChannel(Options.Create(new MqttOptions()), _metrics.Pipeline, NullLogger<OutboundChannel>.Instance);
        _publisher = new AlertPublisher(sink.Object, outbound, _feed, _metrics.Pipeline, _alarms, new WallClock(Messages.Start.AddYears(1)), NullLoggerFactory.Instance);
        var engine = new AlertEngine(options, _publisher, _alarms, _metrics.Pipeline, NullLogger<AlertEngine>.Instance);
        _feed.Alerts.Subscribe(_alerts.Add);
        _watch = engine.Watch(_feed, _clock);
    }

    [Fact]
    public void A_bed_that_sends_nothing_for_ten_seconds_raises_bed_silent_and_its_next_window_clears_it()
    {
        Window(0);
        _clock.AdvanceBy(TimeSpan.FromSeconds(9));
        Assert.Empty(_alerts);

        _clock.AdvanceBy(TimeSpan.FromSeconds(2));
        var raised = Assert.Single(_alerts);
        Assert.Equal((AlertTypes.BedSilent, AlertState.Raise, AlarmPriority.Technical), (raised.Type, raised.State, raised.Priority));
        Assert.Equal(Messages.Start.AddSeconds(11), raised.Time);
        Assert.Equal(Messages.Start.AddYears(1), raised.WallTime);

        _clock.AdvanceBy(TimeSpan.FromSeconds(30));
        Window(40);
        Assert.Equal([AlertState.Raise, AlertState.Clear], _alerts.Select(alert => alert.State));
    }

    [Fact]
    public void A_bed_evicted_while_silent_keeps_bed_silent_up_until_it_sends_again_and_then_clears_it()
    {
        Window(0);
        _clock.AdvanceBy(TimeSpan.FromMinutes(2));
        _feed.PublishEviction("bed-1");
        Assert.Contains(_alarms.Snapshot(), alarm => alarm.Type == AlertTypes.BedSilent);

        Window(200);

        Assert.Equal([AlertState.Raise, AlertState.Clear], _alerts.Select(alert => alert.State));
        Assert.Empty(_alarms.Snapshot());
    }

    [Fact]
    public void A_bed_evicted_before_its_silence_timer_ran_out_raises_bed_silent_for_the_time_it_was_silent()
    {
        // Alerts:BedSilent:After longer than Pipeline:EvictIdleBedsAfter (2 min): the timer would have been disposed unfired.
        using var longTimer = new BedSilentTests(new AlertsOptions { BedSilent = { After = TimeSpan.FromMinutes(5) } });
        longTimer.Window(0);
        longTimer._clock.AdvanceBy(TimeSpan.FromMinutes(2));

        longTimer._feed.PublishEviction("bed-1");

        var raised = Assert.Single(longTimer._alerts);
        Assert.Equal((AlertTypes.BedSilent, AlertState.Raise, "bed silent: no valid window for 120 s"), (raised.Type, raised.State, raised.Message));
        Assert.Contains(longTimer._alarms.Snapshot(), alarm => alarm.Type == AlertTypes.BedSilent);
    }

    [Fact]
    public void Beyond_the_limit_the_oldest_bed_silent_of_a_bed_no_longer_monitored_is_removed_with_an_event()
    {
        using var small = new BedSilentTests(new AlertsOptions { BedSilent = { MaxUnmonitored = 2 } });
        foreach (var bed in new[] { "bed-a", "bed-b", "bed-c" })
        {
            small.Window(0, bed);
            small._clock.AdvanceBy(TimeSpan.FromMinutes(2));
            small._feed.PublishEviction(bed);
        }

        Assert.Equal(["bed-b", "bed-c"], small._alarms.Snapshot().Select(alarm => alarm.Bed).Order(StringComparer.Ordinal));
        var removed = Assert.Single(small._alerts, alert => alert.State == AlertState.Clear);
        Assert.Equal("bed-a", removed.Bed);
        Assert.Contains("Alerts:BedSilent:MaxUnmonitored", removed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Eviction_ends_the_beds_conditions_so_a_later_episode_is_a_new_unacknowledged_alarm()
    {
        _publisher.Publish(new AlertMessage("bed-1", Messages.Start, AlertTypes.AtrialFibrillation, AlertState.Raise, "AF", 1));
        _publisher.Publish(new AlertMessage("bed-1", Messages.Start, AlertTypes.VentricularTachycardia, AlertState.Raise, "VT", 6));
        var acknowledged = _alarms.Execute(
            new AlarmCommand("bed-1", AlarmAction.Acknowledge, AlertTypes.AtrialFibrillation, null, "rn-7", _clock.Now), AlarmCommandSources.Mqtt);
        Assert.Equal(AlarmCommandStatus.Applied, acknowledged.Status);

        _clock.AdvanceBy(TimeSpan.FromMinutes(3));
        _feed.PublishEviction("bed-1");

        // The acknowledged AF goes; the latched VT stays on the board, its condition ended, until someone acknowledges it.
        var left = Assert.Single(_alarms.Snapshot());
        Assert.Equal(AlertTypes.VentricularTachycardia, left.Type);
        Assert.False(left.ConditionActive);
        Assert.Contains(_alerts, alert => alert.Type == AlertTypes.AtrialFibrillation && alert.State == AlertState.Clear
            && alert.Message.Contains("bed no longer monitored", StringComparison.Ordinal));

        _clock.AdvanceBy(TimeSpan.FromHours(2));
        var again = _alarms.Track(new AlertMessage("bed-1", _clock.Now, AlertTypes.AtrialFibrillation, AlertState.Raise, "AF", 1));
        Assert.Equal(AlarmAcknowledgement.Unacknowledged, again.Acknowledgement);
    }

    [Fact]
    public void The_bed_silent_alarm_of_a_bed_that_never_comes_back_goes_when_someone_acknowledges_it()
    {
        Window(0);
        _clock.AdvanceBy(TimeSpan.FromMinutes(2));
        _feed.PublishEviction("bed-1");

        var acknowledged = _alarms.Execute(new AlarmCommand("bed-1", AlarmAction.Acknowledge, AlertTypes.BedSilent, null, "rn-7", _clock.Now), AlarmCommandSources.Station);

        Assert.Equal(AlarmCommandStatus.Applied, acknowledged.Status);
        Assert.Contains("bed no longer monitored, alarm removed", acknowledged.Reason, StringComparison.Ordinal);
        Assert.Empty(_alarms.Snapshot());
    }

    [Fact]
    public void Eviction_ends_a_beds_conditions_at_its_last_data_and_leaves_a_sensors_forecast_alarm_of_the_same_id_alone()
    {
        // The device's clock runs an hour ahead of the worker's: the end must not come before the onset.
        var deviceStart = Messages.Start.AddHours(1);
        _publisher.Publish(new AlertMessage("bed-1", deviceStart, AlertTypes.AtrialFibrillation, AlertState.Raise, "AF", 1));
        _publisher.Publish(new AlertMessage("bed-1", Messages.Start, AlertTypes.ForecastHigh, AlertState.Raise, "forecast high", 3));

        _feed.PublishEviction("bed-1");

        var cleared = Assert.Single(_alerts, alert => alert.Type == AlertTypes.AtrialFibrillation && alert.State == AlertState.Clear);
        Assert.True(cleared.End >= cleared.Onset);
        Assert.Equal(AlertTypes.ForecastHigh, Assert.Single(_alarms.Snapshot()).Type);
    }

    [Fact]
    public void A_bed_that_keeps_sending_never_raises_bed_silent()
    {
        for (var second = 0; second < 30; second++)
        {
            Window(second);
            _clock.AdvanceBy(TimeSpan.FromSeconds(1));
        }

        Assert.DoesNotContain(_alerts, alert => alert.Type == AlertTypes.BedSilent);
    }

    public void Dispose()
    {
        _watch.Dispose();
        _publisher.Dispose();
        _alarms.Dispose();
        _feed.Dispose();
        _metrics.Dispose();
    }

    /// <summary>A worker clock a year after the data's time, as in a replay of old records.</summary>
    private sealed class WallClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private void Window(int second, string bed = "bed-1")
    {
        var samples = Enumerable.Range(0, 360).Select(i => (i % 288) is > 100 and < 110 ? 1.2f : (float)(0.05 * Math.Sin(i * 0.02))).ToArray();
        _feed.Publish(new MonitoredWindow(bed, 0, second, Messages.Start.AddSeconds(second), 360, samples, false, second == 0, SignalQualityAssessor.Assess(samples, new SignalQualityAlertOptions())));
    }
}
