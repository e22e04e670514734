namespace AtdMonitor.Servers;

/// <summary>How a <see cref="MosquittoProcess"/> is configured. The defaults: one plain listener on a free loopback port,
/// anonymous clients, nothing persisted.</summary>
public sealed record MosquittoProcessOptions
{
    public string Executable { get; init; } = MosquittoProcess.DefaultExecutable;

    /// <summary>The plain listener on 127.0.0.1; 0 picks a free port (a restart passes the first run's port to keep it).</summary>
    public int Port { get; init; }

    /// <summary>QoS 1/2 messages queued per client (mosquitto's default, 1000, is too small for load and outage runs).</summary>
    public int MaxQueuedMessages { get; init; } = 100_000;

    /// <summary>Null allows anonymous clients; otherwise every listener requires a user of this file (mosquitto_passwd's format).</summary>
    public string? PasswordFile { get; init; }

    /// <summary>Null persists nothing; otherwise sessions and queued messages are saved here on a clean stop.</summary>
    public string? PersistenceDirectory { get; init; }

    /// <summary>Further lines, written after the plain listener: general settings, or a <c>listener PORT</c> with its own
    /// settings (e.g. TLS). The start waits until each such listener accepts connections too.</summary>
    public IReadOnlyList<string> Configuration { get; init; } = [];
}
