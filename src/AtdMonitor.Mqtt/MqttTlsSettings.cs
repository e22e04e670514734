namespace AtdMonitor.Mqtt;

/// <summary>
/// How an MQTT client of the project secures its connection: the worker (<c>Mqtt:UseTls</c>, <c>Mqtt:CaCertificateFile</c>, ...)
/// and the simulator (<c>--tls</c>, <c>--ca-file</c>, ...) both read these and apply them with <see cref="MqttTlsOptionsBuilderExtensions.WithTls"/>.
/// </summary>
public sealed record MqttTlsSettings
{
    public bool UseTls { get; init; }

    /// <summary>Accept a broker certificate that does not chain to a trusted root (test brokers only).</summary>
    public bool AllowUntrustedCertificates { get; init; }

    /// <summary>PEM file of the CA(s) the broker's certificate must chain to; empty uses the system's roots.</summary>
    public string CaCertificateFile { get; init; } = string.Empty;

    /// <summary>PEM file of the client's certificate for mutual TLS; empty sends none.</summary>
    public string ClientCertificateFile { get; init; } = string.Empty;

    /// <summary>PEM file of the key of <see cref="ClientCertificateFile"/>.</summary>
    public string ClientKeyFile { get; init; } = string.Empty;
}
