using AtdMonitor.TestSupport;
using InfluxDB.Client;
using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Writes;

namespace AtdMonitor.Integration.Tests.ServerTests;

/// <summary>The store fixture can be taken down and brought back without losing what it had.</summary>
public sealed class VictoriaMetricsOutageTests
{
    [Fact]
    public async Task Writes_fail_while_the_store_is_down_and_earlier_data_is_still_there_after_it_returns()
    {
        await using var victoria = await VictoriaMetricsServer.StartAsync();
        using var client = new InfluxDBClient(victoria.Url.ToString(), "any-token");
        var write = client.GetWriteApiAsync();
        PointData Point(int i) => PointData.Measurement("outage").Tag("bed", "b").Field("value", i).Timestamp(DateTime.UtcNow, WritePrecision.Ms);
        await write.WritePointAsync(Point(1), "atd", "atd");
        await victoria.FlushAsync();

        await victoria.StopAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => write.WritePointAsync(Point(2), "atd", "atd"));
        await victoria.StartAgainAsync();
        await write.WritePointAsync(Point(3), "atd", "atd");

        var values = (await victoria.WaitForSamplesAsync("outage_value", 2, TimeSpan.FromSeconds(10))).Single().Values;
        Assert.Equal([1.0, 3.0], values);
    }
}
