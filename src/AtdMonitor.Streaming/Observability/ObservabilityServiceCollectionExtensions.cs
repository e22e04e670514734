using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtdMonitor.Streaming.Observability;

/// <summary>Registers the operator endpoint (<c>/metrics</c>, <c>/healthz</c>, <c>/readyz</c>); called first by <c>AddAtdWorker</c>, so the endpoint starts before the other hosted services.</summary>
public static class ObservabilityServiceCollectionExtensions
{
    public static IServiceCollection AddAtdOperatorEndpoint(this IServiceCollection services)
    {
        services.TryAddSingleton<PrometheusExporter>();
        services.TryAddSingleton<WorkerReadiness>();
        services.AddHostedService<OperatorEndpointService>();
        return services;
    }
}
