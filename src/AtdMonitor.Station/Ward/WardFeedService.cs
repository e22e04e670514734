using System.Threading.Channels;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Station.Configuration;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Feed;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Station.Ward;

/// <summary>
/// Feeds <see cref="WardState"/> from the pipeline. The feed's observers only write to channels and return: windows and
/// beats to one bounded channel (oldest dropped and counted when the station falls behind, never the pipeline),
/// alerts to an unbounded one (they are few, and the board must not lose one). One task drains each. The station starts
/// from the worker's board (<see cref="IAlarmBoard"/>), so the alarms on it before the station followed the feed (those
/// a restarted worker restored from its journal, or raised while the station started) are shown too (a host without an
/// alarm system has no board).
/// </summary>
public sealed partial class WardFeedService(IMonitoringFeed feed, WardState ward, IOptions<StationOptions> options, ILogger<WardFeedService> logger, IAlarmBoard? board = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var warned = 0;
        var updates = Channel.CreateBounded<object>(
            new BoundedChannelOptions(options.Value.FeedQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ =>
            {
                ward.CountDropped();
                if (Interlocked.Exchange(ref warned, 1) == 0)
                {
                    LogFellBehind(options.Value.FeedQueueCapacity);
                }
            });
        var alerts = Channel.CreateUnbounded<AlertMessage>(new UnboundedChannelOptions { SingleReader = true });
        using var windows = feed.Windows.Subscribe(w => updates.Writer.TryWrite(w));
        using var beats = feed.Beats.Subscribe(b => updates.Writer.TryWrite(b));
        using var alertSubscription = feed.Alerts.Subscribe(a => alerts.Writer.TryWrite(a));
        // After subscribing, so no event falls between the board and the feed; one that came meanwhile is newer and applies after.
        foreach (var alarm in board?.Snapshot() ?? [])
        {
            ward.Apply(alarm.AsEvent());
        }

        await Task.WhenAll(DrainUpdatesAsync(updates.Reader, stoppingToken), DrainAlertsAsync(alerts.Reader, stoppingToken)).ConfigureAwait(false);
    }

    private async Task DrainUpdatesAsync(ChannelReader<object> reader, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                switch (update)
                {
                    case MonitoredWindow window:
                        ward.Apply(window);
                        break;
                    case ClassifiedBeat beat:
                        ward.Apply(beat);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DrainAlertsAsync(ChannelReader<AlertMessage> reader, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var alert in reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                ward.Apply(alert);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The central station fell behind the pipeline: its feed queue of {Capacity} is full, the oldest windows and beats are dropped (the pipeline is not slowed).")]
    private partial void LogFellBehind(int capacity);
}
