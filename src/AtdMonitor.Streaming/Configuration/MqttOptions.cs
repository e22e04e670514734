using System.ComponentModel.DataAnnotations;

namespace AtdMonitor.Streaming.Configuration;

/// <summary>The MQTT broker the worker reads from. Section <c>Mqtt</c>. An empty <see cref="Host"/> starts an embedded broker.</summary>
public sealed class MqttOptions : IValidatableObject
{
    public const string SectionName = "Mqtt";

    /// <summary>Broker host name; empty means "start the embedded MQTTnet broker" on <see cref="Port"/>.</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>Broker port; 0 is allowed only with the embedded broker and picks any free port (tests).</summary>
    [Range(0, 65535, ErrorMessage = "Mqtt:Port must be between 1 and 65535 (0 = any free port, embedded broker only).")]
    public int Port { get; set; } = 1883;

    [Required(AllowEmptyStrings = false, ErrorMessage = "Mqtt:ClientId must not be empty.")]
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "Mqtt:ClientId must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'.")]
    public string ClientId { get; set; } = "atd-worker";

    /// <summary>Broker user name; empty connects anonymously.</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>Broker password; from configuration or ATD__Mqtt__Password, never logged.</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>Connect with TLS (usually port 8883).</summary>
    public bool UseTls { get; set; }

    /// <summary>Accept a broker certificate that does not chain to a trusted root (test brokers only).</summary>
    public bool AllowUntrustedCertificates { get; set; }

    /// <summary>PEM file of the CA the broker's certificate must chain to (a private CA), instead of the system's roots; TLS only.</summary>
    public string CaCertificateFile { get; set; } = string.Empty;

    /// <summary>PEM certificate the worker presents to a broker that requires client certificates (with <see cref="ClientKeyFile"/>); TLS only.</summary>
    public string ClientCertificateFile { get; set; } = string.Empty;

    /// <summary>PEM private key of <see cref="ClientCertificateFile"/>; keep it readable by the worker's user only.</summary>
    public string ClientKeyFile { get; set; } = string.Empty;

    /// <summary>
    /// False (the default) keeps a persistent session: the broker queues QoS 1 messages while the worker is away and
    /// delivers again what was not acknowledged, so a crash loses nothing (needs a fixed <see cref="ClientId"/> and
    /// <see cref="SessionExpiry"/> &gt; 0). True starts afresh on every connect.
    /// </summary>
    public bool CleanSession { get; set; }

    /// <summary>How often messages whose results are stored are acknowledged to the broker (after a flush of the store).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00", ErrorMessage = "Mqtt:AcknowledgeInterval must be between 00:00:00.010 and 00:01:00.")]
    public TimeSpan AcknowledgeInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the broker keeps a persistent session after a disconnect.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = "Mqtt:SessionExpiry must be between 00:00:00 and 7.00:00:00.")]
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromHours(1);

    [Range(typeof(TimeSpan), "00:00:05", "00:10:00", ErrorMessage = "Mqtt:KeepAlive must be between 00:00:05 and 00:10:00.")]
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a probe the worker publishes to itself through the broker (QoS 0, every third of this time, on
    /// <c>atd/v1/worker/{ClientId}/roundtrip</c>) may take to come back before the connection is taken for dead and made
    /// again. Keep-alive only shows that the broker answers pings; this shows that messages still go out and come in
    /// (a half-open connection, or a client or broker that stopped delivering, fails it). An alert or dead letter the
    /// worker publishes that is still unacknowledged this long after it, while a later probe came back, has lost its
    /// acknowledgement: the connection is dropped the same way.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Mqtt:RoundTripTimeout must be between 00:00:01 and 00:10:00.")]
    public TimeSpan RoundTripTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First delay of the reconnect back-off; doubled per failure up to <see cref="ReconnectMaxDelay"/>, with ±20 % jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00", ErrorMessage = "Mqtt:ReconnectMinDelay must be between 00:00:00.010 and 00:01:00.")]
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Mqtt:ReconnectMaxDelay must be between 00:00:00.010 and 00:10:00.")]
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Dead letters waiting to be published; beyond it the oldest are dropped, logged once and counted, so hostile
    /// input while the broker is unreachable cannot grow memory. Alerts wait in a lane of their own (<see cref="AlertQueueCapacity"/>).
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "Mqtt:DeadLetterQueueCapacity must be between 1 and 100000 dead letters.")]
    public int DeadLetterQueueCapacity { get; set; } = 1_000;

    /// <summary>
    /// Alerts waiting to be published. Every alert also goes to the store; this bounds only what the
    /// broker has not taken: beyond it the oldest alert of the topic with the most waiting is dropped, logged once and
    /// counted, so a topic the broker refuses for good, or an outage of days, cannot grow memory or push out other beds' alerts.
    /// </summary>
    [Range(100, 1_000_000, ErrorMessage = "Mqtt:AlertQueueCapacity must be between 100 and 1000000 alerts.")]
    public int AlertQueueCapacity { get; set; } = 100_000;

    /// <summary>True when the worker should start its own broker.</summary>
    public bool UsesEmbeddedBroker => string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Port == 0 && !UsesEmbeddedBroker)
        {
            yield return new ValidationResult("Mqtt:Port 0 (any free port) needs the embedded broker (Mqtt:Host empty).", [nameof(Port)]);
        }

        if (!CleanSession && SessionExpiry == TimeSpan.Zero)
        {
            yield return new ValidationResult("Mqtt:SessionExpiry must be above 00:00:00 when Mqtt:CleanSession is false (a persistent session).", [nameof(SessionExpiry)]);
        }

        foreach (var (key, path) in new[] { ("CaCertificateFile", CaCertificateFile), ("ClientCertificateFile", ClientCertificateFile), ("ClientKeyFile", ClientKeyFile) })
        {
            if (path.Length > 0 && !File.Exists(path))
            {
                yield return new ValidationResult($"Mqtt:{key} '{path}' does not exist.", [key]);
            }
        }

        if (string.IsNullOrEmpty(ClientCertificateFile) != string.IsNullOrEmpty(ClientKeyFile))
        {
            yield return new ValidationResult("Mqtt:ClientCertificateFile and Mqtt:ClientKeyFile must be set together.", [nameof(ClientCertificateFile)]);
        }

        if (ReconnectMaxDelay < ReconnectMinDelay)
        {
            yield return new ValidationResult("Mqtt:ReconnectMaxDelay must not be below Mqtt:ReconnectMinDelay.", [nameof(ReconnectMaxDelay)]);
        }
    }
}
