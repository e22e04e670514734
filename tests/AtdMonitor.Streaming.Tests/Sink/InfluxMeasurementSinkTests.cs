using AtdMonitor.Data.Beats;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Sink;
using AtdMonitor.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Tests.Sink;

public sealed class InfluxMeasurementSinkTests
{
    [SkippableFact]
    public async Task Beats_alerts_and_health_reach_a_store_that_speaks_the_v2_write_api()
    {
        Skip.IfNot(File.Exists(VictoriaMetricsServer.Executable), $"{VictoriaMetricsServer.Executable} is not installed (Debian: apt-get install victoria-metrics).");
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

        var timeout = TimeSpan.FromSeconds(10);
        var beat = Assert.Single(await store.WaitForSamplesAsync("beat_p_V", 1, timeout));
        Assert.Equal("bed 1,x=y", beat.Label("bed"));
        Assert.Equal([0.6], beat.Values);
        Assert.Equal([1.0], Assert.Single(await store.WaitForSamplesAsync("beat_image_missing", 1, timeout)).Values);
        var alert = Assert.Single(await store.WaitForSamplesAsync("alert_value", 1, timeout));
        Assert.Equal("raise", alert.Label("state"));
        Assert.Equal([2.6], alert.Values);
        Assert.Equal("worker-7", Assert.Single(await store.WaitForSamplesAsync("pipeline_messages_in", 1, timeout)).Label("worker"));
    }
}
