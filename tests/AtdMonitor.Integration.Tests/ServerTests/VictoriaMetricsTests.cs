using AtdMonitor.Integration.Tests.Fixtures;
using AtdMonitor.TestSupport;
using InfluxDB.Client;
using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Writes;

namespace AtdMonitor.Integration.Tests.ServerTests;

/// <summary>victoria-metrics stands in for InfluxDB: InfluxDB.Client's v2 writes land and can be read back.</summary>
[Collection(SharedServers.Name)]
public sealed class VictoriaMetricsTests(VictoriaMetricsFixture victoria)
{
    [Fact]
    public async Task Points_written_with_InfluxDB_Client_come_back_as_measurement_field_metrics_labelled_by_their_tags()
    {
        var start = DateTime.UtcNow.AddSeconds(-10);
        using (var client = new InfluxDBClient(victoria.Server.Url.ToString(), "any-token"))
        {
            var points = Enumerable.Range(0, 5).Select(i => PointData.Measurement("beat")
                .Tag("bed", "fixture-bed")
                .Field("p_0", 0.1 * i)
                .Field("p_2", 1 - (0.1 * i))
                .Timestamp(start.AddSeconds(i), WritePrecision.Ms));
            await client.GetWriteApiAsync().WritePointsAsync(points.ToList(), "atd", "atd");
        }

        var series = await victoria.Server.ExportAsync("{__name__=~\"beat_p_.*\",bed=\"fixture-bed\"}");

        Assert.Equal(["beat_p_0", "beat_p_2"], series.Select(s => s.Name).Order());
        var p0 = series.Single(s => s.Name == "beat_p_0");
        Assert.Equal([0, 0.1, 0.2, 0.3, 0.4], p0.Values.Select(v => Math.Round(v, 6)));
        Assert.Equal(new DateTimeOffset(start).ToUnixTimeMilliseconds(), p0.TimestampsMs[0]);
    }

    [Fact]
    public async Task An_instant_query_counts_what_was_written()
    {
        using (var client = new InfluxDBClient(victoria.Server.Url.ToString(), "any-token"))
        {
            var points = Enumerable.Range(0, 3).Select(i => PointData.Measurement("probe")
                .Tag("bed", "query-bed")
                .Field("value", i)
                .Timestamp(DateTime.UtcNow.AddSeconds(i - 3), WritePrecision.Ms));
            await client.GetWriteApiAsync().WritePointsAsync(points.ToList(), "atd", "atd");
        }

        var count = await victoria.Server.QueryScalarAsync("count_over_time(probe_value{bed=\"query-bed\"}[5m])");

        Assert.Equal(3, count);
    }
}
