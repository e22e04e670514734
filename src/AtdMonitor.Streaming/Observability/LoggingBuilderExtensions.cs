using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Streaming.Observability;

/// <summary>Logging conventions of the worker host.</summary>
public static class LoggingBuilderExtensions
{
    /// <summary>
    /// Wraps every logger provider registered so far in a <see cref="RedactingLoggerProvider"/>, so no log line holds a
    /// secret of <paramref name="configuration"/> or a password in a URL or connection string. Call it after the providers are added.
    /// </summary>
    public static ILoggingBuilder AddSecretRedaction(this ILoggingBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var redactor = SecretRedactor.FromConfiguration(configuration);
        var providers = builder.Services.Where(d => d.ServiceType == typeof(ILoggerProvider)).ToList();
        foreach (var descriptor in providers)
        {
            builder.Services.Remove(descriptor);
            builder.Services.Add(ServiceDescriptor.Describe(typeof(ILoggerProvider),
                sp => new RedactingLoggerProvider(Create(sp, descriptor), redactor), descriptor.Lifetime));
        }

        return builder;
    }

    private static ILoggerProvider Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        (ILoggerProvider)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
