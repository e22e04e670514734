using AtdMonitor.Integration.Tests.Support;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Sink;
using AtdMonitor.TestSupport;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Integration.Tests.Sink;

/// <summary>The worker's InfluxDB sink against a real store that goes away for 10 s and comes back.</summary>
public sealed class InfluxOutageTests
{
    private const string Token = "sink-outage-token-5f1c9a7e";
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    private static readonly string[] ClassNames = ["N", "S", "V", "F", "Q"];

    [Fact]
    public async Task Predictions_and_alerts_written_while_the_store_is_down_arrive_after_it_returns_and_the_token_is_never_logged()
    {
        await using var victoria = await VictoriaMetricsServer.StartAsync();
        using var logs = new CapturedLogs();
        var sink = new InfluxMeasurementSink(
            Options.Create(new InfluxOptions { Url = victoria.Url.ToString(), Token = Token }),
            Options.Create(new InfluxBufferOptions { FlushInterval = TimeSpan.FromMilliseconds(100), RetryMinDelay = TimeSpan.FromMilliseconds(100), RetryMaxDelay = TimeSpan.FromSeconds(1) }),
            logs.For<InfluxMeasurementSink>(),
            logs.For<InfluxWriteBuffer>());
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var beats = 0;
        var alerts = 0;

        async Task ProduceAsync(TimeSpan duration)
        {
            var until = DateTime.UtcNow + duration;
            while (DateTime.UtcNow < until)
            {
                sink.Write(Enumerable.Range(beats, 20).Select(i => BeatPoint.Of(Beat(start.AddMilliseconds(10 * i), i))).ToList(), WritePriority.Routine);
                beats += 20;
                sink.Write([AlertPoint.Of(new AlertMessage("outage-bed", start.AddMilliseconds(10 * alerts), "tachycardia", AlertState.Raise, "HR 180", 180))], WritePriority.Alert);
                alerts++;
                await Task.Delay(50);
            }
        }

        await ProduceAsync(TimeSpan.FromSeconds(1));
        await victoria.StopAsync();
        await ProduceAsync(Outage);
        await victoria.StartAgainAsync();
        await ProduceAsync(TimeSpan.FromSeconds(1));
        await sink.FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        var counters = sink.Counters;
        await sink.DisposeAsync();

        Assert.Equal((0L, 0L), (counters.DroppedPredictions, counters.Rejected));
        Assert.True(counters.FailedWrites > 0, "the outage should have failed some writes");
        var storedBeats = await victoria.WaitForSamplesAsync("beat_confidence{bed=\"outage-bed\"}", beats, TimeSpan.FromSeconds(10));
        Assert.Equal(beats, storedBeats.Sum(s => s.Values.Count));
        var storedAlerts = await victoria.WaitForSamplesAsync("alert_value{bed=\"outage-bed\"}", alerts, TimeSpan.FromSeconds(10));
        Assert.Equal(alerts, storedAlerts.Sum(s => s.Values.Count));
        Assert.Contains(logs.Entries, e => e.Contains("InfluxDB writes are failing", StringComparison.Ordinal));
        Assert.DoesNotContain(Token, logs.AllText, StringComparison.Ordinal);
    }

    private static ClassifiedBeat Beat(DateTimeOffset time, int i) =>
        new("outage-bed", i * 300L, time, "N", ClassNames, [0.9f, 0.04f, 0.03f, 0.02f, 0.01f], 0.8f, ImageMissing: false);
}
