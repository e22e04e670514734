namespace AtdMonitor.Integration.Tests.Fixtures;

/// <summary>Tests that use the shared broker and store without stopping them. They run one after another;
/// other collections (each owning its servers) run beside them.</summary>
[CollectionDefinition(Name)]
public sealed class SharedServers : ICollectionFixture<SecureMosquittoFixture>, ICollectionFixture<VictoriaMetricsFixture>
{
    public const string Name = "Shared servers";
}
