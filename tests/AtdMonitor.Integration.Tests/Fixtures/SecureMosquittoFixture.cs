using AtdMonitor.TestSupport;

namespace AtdMonitor.Integration.Tests.Fixtures;

/// <summary>One mosquitto shared by a collection, hardened as in production: no anonymous clients, a password per
/// user, and a TLS listener beside the plain one. Tests that stop the broker start their own instead.</summary>
public sealed class SecureMosquittoFixture : IAsyncLifetime
{
    /// <summary>The worker's account.</summary>
    public MqttCredentials Worker { get; } = MqttCredentials.Random("atd-worker");

    /// <summary>A bedside device's account.</summary>
    public MqttCredentials Device { get; } = MqttCredentials.Random("bed-device");

    public MosquittoServer Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await MosquittoServer.StartAsync(new MosquittoServerOptions { Users = [Worker, Device], Tls = true });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
