namespace AtdMonitor.Station.Tests.Browser;

/// <summary>The browser tests share one worker and one browser, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedCentralStation : ICollectionFixture<CentralStationFixture>
{
    public const string Name = "central station";
}
