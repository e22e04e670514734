namespace AtdMonitor.Station.Tests.Browser;

/// <summary>The browser tests run one after another; all but the refused-stream test share one worker and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class SharedCentralStation : ICollectionFixture<CentralStationFixture>
{
    public const string Name = "central station";
}
