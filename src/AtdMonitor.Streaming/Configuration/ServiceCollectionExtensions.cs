using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AtdMonitor.Streaming.Configuration;

/// <summary>Registers the worker's options, bound from configuration and validated when the host starts.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddAtdOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<InferenceOptions>().Bind(configuration.GetSection(InferenceOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MqttOptions>().Bind(configuration.GetSection(MqttOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<InfluxOptions>().Bind(configuration.GetSection(InfluxOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
