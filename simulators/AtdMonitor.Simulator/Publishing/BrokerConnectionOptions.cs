using AtdMonitor.Mqtt;

namespace AtdMonitor.Simulator.Publishing;

/// <summary>Where and how the simulator connects to the MQTT broker.</summary>
public sealed record BrokerConnectionOptions
{
    public string Host { get; init; } = "localhost";

    public int Port { get; init; } = 1883;

    /// <summary>0 (at most once) or 1 (at least once: each publish waits for the broker's PUBACK).</summary>
    public int QualityOfService { get; init; } = 1;

    public string ClientId { get; init; } = "atd-sim";

    /// <summary>Empty connects anonymously.</summary>
    public string Username { get; init; } = string.Empty;

    public string Password { get; init; } = string.Empty;

    /// <summary>TLS, its trust and the client certificate, as the worker's (the same builder applies them).</summary>
    public MqttTlsSettings Tls { get; init; } = new();

    /// <summary>How long to keep trying to connect at start (the broker may still be starting).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Publishes awaiting their acknowledgement at once; more keeps a QoS 1 stream fast over a slow round trip.</summary>
    public int MaxInFlight { get; init; } = 256;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new ArgumentException("--host must name the broker.");
        }

        if (Port is < 1 or > 65535)
        {
            throw new ArgumentException($"--port must be between 1 and 65535 (got {Port}).");
        }

        if (QualityOfService is not (0 or 1))
        {
            throw new ArgumentException($"--qos must be 0 or 1 (got {QualityOfService}).");
        }

        if (MaxInFlight < 1)
        {
            throw new ArgumentException($"--max-in-flight must be at least 1 (got {MaxInFlight}).");
        }
    }
}
