using AtdMonitor.TestSupport;

namespace AtdMonitor.Integration.Tests.Fixtures;

/// <summary>One victoria-metrics shared by a collection; tests keep apart by writing under their own tag values
/// (a bed id unique to the test). Tests that take the store down start their own instead.</summary>
public sealed class VictoriaMetricsFixture : IAsyncLifetime
{
    public VictoriaMetricsServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await VictoriaMetricsServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
