using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AtdMonitor.Streaming.Configuration;

/// <summary>Registers the worker's options: bound strictly (unknown keys and wrong types are errors) and validated when the host starts.</summary>
public static class OptionsServiceCollectionExtensions
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
}
