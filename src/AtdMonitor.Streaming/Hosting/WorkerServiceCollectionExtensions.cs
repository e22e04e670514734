using System.Reactive.Concurrency;
using AtdMonitor.Protocol.Validation;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Feed;
using AtdMonitor.Streaming.Forecasting;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Pipeline;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Observability;
using AtdMonitor.Streaming.Pairing;
using AtdMonitor.Streaming.Recording;
using AtdMonitor.Streaming.Sharding;
using AtdMonitor.Streaming.Sink;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Hosting;

/// <summary>Registers the worker: its options (<c>AddAtdOptions</c>) and its services.</summary>
public static class WorkerServiceCollectionExtensions
{
    /// <summary>A window held for the warm-up of a restarted worker is acknowledged anyway after this (its bed went quiet).</summary>
    private static readonly TimeSpan AcknowledgementHoldLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The hosted worker behind <c>atd run</c>. Hosted services start in this order (the operator endpoint first, so
    /// <c>/healthz</c> answers while the checkpoints load) and stop in reverse, so at shutdown the pipelines drain first,
    /// then the recorder writes what it was handed, the store is flushed and every processed message acknowledged, the
    /// publisher sends the last alerts, and only then the MQTT client and the embedded broker go away. The alarms the
    /// journal kept across the last stop are back on the board before the broker opens.
    /// </summary>
    public static IServiceCollection AddAtdWorker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAtdOptions(configuration);
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IScheduler>(DefaultScheduler.Instance);
        services.TryAddSingleton(ProtocolLimits.Default);
        services.TryAddSingleton(sp => new WireValidator(sp.GetRequiredService<ProtocolLimits>()));
        services.TryAddSingleton<PairingCounters>();
        services.TryAddSingleton<PipelineMetrics>();
        services.TryAddSingleton<IngestChannels>();
        services.TryAddSingleton<OutboundChannel>();
        services.TryAddSingleton<BrokerEndpoint>();
        services.TryAddSingleton<MqttConnection>();
        services.TryAddSingleton<ShardAssignment>();
        services.TryAddSingleton<DeadLetterOffice>();
        services.TryAddSingleton(sp => new AcknowledgementLedger(BedBeatTracker.WarmUpWindows, AcknowledgementHoldLimit, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new BedRoster(sp.GetRequiredService<IOptions<PipelineOptions>>().Value.MaxBeds));
        services.TryAddSingleton<WireAdmission>();
        services.TryAddSingleton<WorkerFailure>();
        services.TryAddSingleton<AlertEngine>();
        // Bounded: a bed has at most one alarm of each type (beds released but still showing a latched alarm included).
        services.TryAddSingleton<IAlarmJournal>(sp =>
        {
            var alarms = sp.GetRequiredService<IOptions<AlertsOptions>>().Value.Alarms;
            var maxEntries = (long)sp.GetRequiredService<IOptions<PipelineOptions>>().Value.MaxBeds * Math.Max(1, alarms.Types.Count);
            return new AlarmJournalFile(alarms.JournalPath, (int)Math.Min(maxEntries, int.MaxValue), sp.GetRequiredService<ILogger<AlarmJournalFile>>());
        });
        services.TryAddSingleton<AlarmSystem>();
        services.TryAddSingleton<IAlarmCommands>(sp => sp.GetRequiredService<AlarmSystem>());
        services.TryAddSingleton<IAlarmBoard>(sp => sp.GetRequiredService<AlarmSystem>());
        services.TryAddSingleton<AlertPublisher>();
        services.TryAddSingleton<RecordingChannel>();
        services.TryAddSingleton<MonitoringFeed>();
        services.TryAddSingleton<IMonitoringFeed>(sp => sp.GetRequiredService<MonitoringFeed>());
        services.TryAddSingleton<IMeasurementSink>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<InfluxOptions>>().Value.Url)
            ? ActivatorUtilities.CreateInstance<LineProtocolFileSink>(sp)
            : ActivatorUtilities.CreateInstance<InfluxMeasurementSink>(sp));

        services.AddAtdOperatorEndpoint();
        // Before the broker and the MQTT client: the board is whole before any message comes in.
        services.AddHostedService<AlarmRestoreService>();
        services.AddHostedService<EmbeddedBrokerService>();
        services.AddHostedService<MqttConnectionService>();
        services.AddHostedService<OutboundPublisherService>();
        services.AddHostedService<AcknowledgementService>();
        services.AddHostedService<RecorderService>();
        services.AddHostedService<ForecastService>();
        // Before the pipeline, so it stops after it: commands that come while the pipeline drains are still carried out.
        services.AddHostedService<AlarmCommandService>();
        services.AddHostedService<BeatPipelineService>();
        services.AddHostedService<HealthReporterService>();
        return services;
    }
}
