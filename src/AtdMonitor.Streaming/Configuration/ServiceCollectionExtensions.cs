using System.Reactive.Concurrency;
using AtdMonitor.Protocol.Validation;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Forecasting;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Inference;
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

namespace AtdMonitor.Streaming.Configuration;

/// <summary>Registers the worker's options (validated when the host starts) and its services.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddAtdOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<InferenceOptions>().BindStrictly(configuration, InferenceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MqttOptions>().BindStrictly(configuration, MqttOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<InfluxOptions>().BindStrictly(configuration, InfluxOptions.SectionName, InfluxBufferOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<InfluxBufferOptions>().BindStrictly(configuration, InfluxBufferOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PipelineOptions>().BindStrictly(configuration, PipelineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AlertsOptions>().BindStrictly(configuration, AlertsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RecordingOptions>().BindStrictly(configuration, RecordingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForecastingOptions>().BindStrictly(configuration, ForecastingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MetricsOptions>().BindStrictly(configuration, MetricsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ShardingOptions>().BindStrictly(configuration, ShardingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    /// <summary>
    /// The hosted worker behind <c>atd run</c>. Hosted services start in this order (the operator endpoint first, so
    /// <c>/healthz</c> answers while the checkpoints load) and stop in reverse, so at shutdown the pipelines drain first,
    /// then the recorder and the alert dispatch write what they were handed, the publisher sends the last alerts, and
    /// only then the MQTT client and the embedded broker go away.
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
        services.TryAddSingleton<AlertEngine>();
        services.TryAddSingleton<AlertDispatcher>();
        services.TryAddSingleton<RecordingChannel>();
        services.TryAddSingleton<IMeasurementSink>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<InfluxOptions>>().Value.Url)
            ? ActivatorUtilities.CreateInstance<LineProtocolFileSink>(sp)
            : ActivatorUtilities.CreateInstance<InfluxMeasurementSink>(sp));

        services.AddAtdOperatorEndpoint();
        services.AddHostedService<EmbeddedBrokerService>();
        services.AddHostedService<MqttConnectionService>();
        services.AddHostedService<OutboundPublisherService>();
        services.AddHostedService<AlertDispatchService>();
        services.AddHostedService<RecorderService>();
        services.AddHostedService<ForecastService>();
        services.AddHostedService<BeatPipelineService>();
        services.AddHostedService<HealthReporterService>();
        return services;
    }
}
