using System.Reactive.Disposables;
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
public sealed partial class WardFeedService : BackgroundService
{
    private readonly IMonitoringFeed _feed;
    private readonly WardState _ward;
    private readonly StationOptions _options;
    private readonly ILogger<WardFeedService> _logger;
    private readonly IAlarmBoard? _board;
    private readonly Channel<object> _updates;
    private readonly Channel<AlertMessage> _alerts = Channel.CreateUnbounded<AlertMessage>(new UnboundedChannelOptions { SingleReader = true });
    private CompositeDisposable? _subscriptions;
    private int _warned;

    public WardFeedService(IMonitoringFeed feed, WardState ward, IOptions<StationOptions> options, ILogger<WardFeedService> logger, IAlarmBoard? board = null)
    {
        _feed = feed;
        _ward = ward;
        _options = options.Value;
        _logger = logger;
        _board = board;
        _updates = Channel.CreateBounded<object>(
            new BoundedChannelOptions(_options.FeedQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ =>
            {
                _ward.CountDropped();
                if (Interlocked.Exchange(ref _warned, 1) == 0)
                {
                    LogFellBehind(_options.FeedQueueCapacity);
                }
            });
    }

    /// <summary>Follows the feed before the host's start returns: since .NET 10 <see cref="ExecuteAsync"/> runs on the
    /// thread pool after it, and what the pipeline publishes in between would not reach the ward.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Enabled)
        {
            _subscriptions = new CompositeDisposable(
                _feed.Windows.Subscribe(w => _updates.Writer.TryWrite(w)),
                _feed.Beats.Subscribe(b => _updates.Writer.TryWrite(b)),
                _feed.Alerts.Subscribe(a => _alerts.Writer.TryWrite(a)));
            // After subscribing, so no event falls between the board and the feed; one that came meanwhile is newer and applies after.
            foreach (var alarm in _board?.Snapshot() ?? [])
            {
                _ward.Apply(alarm.AsEvent());
            }
        }

        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscriptions?.Dispose();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _subscriptions?.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _options.Enabled
            ? Task.WhenAll(DrainUpdatesAsync(_updates.Reader, stoppingToken), DrainAlertsAsync(_alerts.Reader, stoppingToken))
            : Task.CompletedTask;

    private async Task DrainUpdatesAsync(ChannelReader<object> reader, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                switch (update)
                {
                    case MonitoredWindow window:
                        _ward.Apply(window);
                        break;
                    case ClassifiedBeat beat:
                        _ward.Apply(beat);
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
                _ward.Apply(alert);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The central station fell behind the pipeline: its feed queue of {Capacity} is full, the oldest windows and beats are dropped (the pipeline is not slowed).")]
    private partial void LogFellBehind(int capacity);
}
