using AtdMonitor.Streaming.Ingest;
using Microsoft.Extensions.Hosting;

namespace AtdMonitor.Streaming.Observability;

/// <summary>
/// Whether the worker should receive traffic: every hosted service has started (the beat classifier and forecaster
/// checkpoints load in their services' <c>StartAsync</c>, so a started host has its models loaded), the host is not
/// stopping, nothing has failed (<see cref="WorkerFailure"/>), and the MQTT client is connected with its subscriptions in place.
/// </summary>
public sealed class WorkerReadiness(IHostApplicationLifetime lifetime, MqttConnection connection, WorkerFailure failure)
{
    /// <summary>Null when ready, else what is missing (the body of a 503 from <c>/readyz</c>).</summary>
    public string? NotReadyReason()
    {
        if (failure.Reason is { } failed)
        {
            return "failed: " + failed;
        }

        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return "stopping";
        }

        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return "starting: loading the models";
        }

        return connection.IsSubscribed ? null : "not connected to the MQTT broker";
    }
}
