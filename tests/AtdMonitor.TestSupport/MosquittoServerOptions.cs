namespace AtdMonitor.TestSupport;

/// <summary>How a test's mosquitto is configured. The defaults: plain listener only, anonymous clients allowed.</summary>
public sealed record MosquittoServerOptions
{
    /// <summary>Users of the password file; empty allows anonymous clients, otherwise every listener requires a user.</summary>
    public IReadOnlyList<MqttCredentials> Users { get; init; } = [];

    /// <summary>Adds a TLS listener (TLS 1.2+, certificates from <see cref="TestCertificates"/>) beside the plain one.</summary>
    public bool Tls { get; init; }

    /// <summary>The TLS listener also requires a client certificate signed by the test CA.</summary>
    public bool RequireClientCertificate { get; init; }

    /// <summary>Lines of an ACL file (mosquitto's <c>acl_file</c>); empty gives every user every topic.</summary>
    public IReadOnlyList<string> Acl { get; init; } = [];

    /// <summary>QoS 1/2 messages held per offline persistent session (mosquitto's default, 1000, is too small for outage tests).</summary>
    public int MaxQueuedMessages { get; init; } = 100_000;
}
