using AtdMonitor.Protocol.Messages;
using AtdMonitor.Station.Configuration;
using AtdMonitor.Station.Tests.Support;
using AtdMonitor.Station.Ward;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Feed;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Station.Tests.Ward;

/// <summary>The service that follows the pipeline's feed into the ward state.</summary>
public sealed class WardFeedServiceTests
{
    [Fact]
    public async Task An_alert_published_as_soon_as_the_service_has_started_reaches_the_ward()
    {
        // Since .NET 10 a BackgroundService's ExecuteAsync runs on the thread pool after its start returns: a service
        // that subscribed there lost this alert (the CI run of 2656ba2 failed on it).
        using var feed = new MonitoringFeed();
        var ward = new WardState();
        using var service = new WardFeedService(feed, ward, Options.Create(new StationOptions { Enabled = true }), NullLogger<WardFeedService>.Instance);
        await service.StartAsync(CancellationToken.None);

        var now = DateTimeOffset.UtcNow;
        feed.Publish(new AlertMessage("bed0001", now, AlertTypes.Tachycardia, AlertState.Raise, "tachycardia", 130, AlarmPriority.Medium, Onset: now));

        Assert.True(await Eventually.HoldsAsync(() => ward.AlarmOnBoard("bed0001", AlertTypes.Tachycardia) is not null, TimeSpan.FromSeconds(10)));
        await service.StopAsync(CancellationToken.None);
    }
}
