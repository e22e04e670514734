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
    {
        var options = Options.Create(new AlertsOptions());
        var sink = new Mock<IMeasurementSink>();
        _alarms = new AlarmSystem(options, sink.Object, _clock, NullLogger<AlarmSystem>.Instance);
        var outbound = new OutboundChannel(Options.Create(new MqttOptions()), _metrics.Pipeline, NullLogger<OutboundChannel>.Instance);
        _publisher = new AlertPublisher(sink.Object, outbound, _feed, _metrics.Pipeline, _alarms, new WallClock(Messages.Start.AddYears(1)), NullLoggerFactory.Instance);
        var engine = new AlertEngine(options, _publisher, _metrics.Pipeline, NullLogger<AlertEngine>.Instance);
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

    private void Window(int second)
    {
        var samples = Enumerable.Range(0, 360).Select(i => (i % 288) is > 100 and < 110 ? 1.2f : (float)(0.05 * Math.Sin(i * 0.02))).ToArray();
        _feed.Publish(new MonitoredWindow("bed-1", 0, second, Messages.Start.AddSeconds(second), 360, samples, false, second == 0, SignalQualityAssessor.Assess(samples, new SignalQualityAlertOptions())));
    }
}
