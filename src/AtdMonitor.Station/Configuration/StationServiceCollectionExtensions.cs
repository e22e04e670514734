using AtdMonitor.Station.Ward;
using AtdMonitor.Station.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Station.Configuration;

/// <summary>Registers the central station after <c>AddAtdWorker</c>: it starts after the pipeline and stops before it.</summary>
public static class StationServiceCollectionExtensions
{
    public static IServiceCollection AddAtdStation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StationOptions>().Bind(configuration.GetSection(StationOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<WardState>();
        services.TryAddSingleton(sp => new StationClients(sp.GetRequiredService<IOptions<StationOptions>>().Value.MaxClients));
        services.TryAddSingleton<StationWebService>();
        services.AddHostedService<WardFeedService>();
        services.AddHostedService(sp => sp.GetRequiredService<StationWebService>());
        return services;
    }
}
