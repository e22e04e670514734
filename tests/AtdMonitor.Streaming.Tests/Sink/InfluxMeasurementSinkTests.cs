using AtdMonitor.Data.Beats;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Sink;
using AtdMonitor.Streaming.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Tests.Sink;

public sealed class InfluxMeasurementSinkTests
{
    [SkippableFact]
    public async Task Beats_alerts_and_health_reach_a_store_that_speaks_the_v2_write_api()
    {
        await using var store = await VictoriaMetricsServer.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var sink = new InfluxMeasurementSink(
            Options.Create(new InfluxOptions { Url = store.Url.ToString().TrimEnd('/'), Token = "test" }),
            Options.Create(new InfluxBufferOptions()),
            NullLogger<InfluxMeasurementSink>.Instance,
            NullLogger<InfluxWriteBuffer>.Instance);

        sink.Write([BeatPoint.Of(new ClassifiedBeat("bed 1,x=y", 360, now, "V", AamiMapping.ClassNames, [0.1f, 0.1f, 0.6f, 0.1f, 0.1f], 0.8f, ImageMissing: true))], WritePriority.Routine);
        sink.Write([AlertPoint.Of(new AlertMessage("bed-2", now, "pause", AlertState.Raise, "pause: RR 2.60 s", 2.6))], WritePriority.Alert);
        sink.Write([HealthPoint.Of(new HealthSnapshot(now, 10, 1, 0, 0, 12.5, 5, 1, 0, 0, 0, 0, 7, 2, 4, 3.5, 1, 0, 0, 0, 0, 3, 0, 0), "worker-7")], WritePriority.Routine);
        await sink.FlushAsync(CancellationToken.None);
        await sink.DisposeAsync();

        var beats = await store.ExportAsync("beat_p_V");
        Assert.Contains("\"bed\":\"bed 1,x=y\"", beats, StringComparison.Ordinal);
        Assert.Contains("\"values\":[0.6]", beats, StringComparison.Ordinal);
        Assert.Contains("\"values\":[1]", await store.ExportAsync("beat_image_missing"), StringComparison.Ordinal);
        var alert = await store.ExportAsync("alert_value");
        Assert.Contains("\"state\":\"raise\"", alert, StringComparison.Ordinal);
        Assert.Contains("\"values\":[2.6]", alert, StringComparison.Ordinal);
        Assert.Contains("\"worker\":\"worker-7\"", await store.ExportAsync("pipeline_messages_in"), StringComparison.Ordinal);
    }
}
