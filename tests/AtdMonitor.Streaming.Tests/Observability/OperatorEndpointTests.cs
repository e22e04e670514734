using AtdMonitor.TestSupport;
using System.Globalization;
using System.Net;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Servers;
using AtdMonitor.Streaming.Tests.EndToEnd;
using AtdMonitor.Streaming.Observability;
using AtdMonitor.Streaming.Tests.Support;
using AtdMonitor.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace AtdMonitor.Streaming.Tests.Observability;

/// <summary>The operator endpoint of a real worker host: probes and the Prometheus scrape.</summary>
public sealed class OperatorEndpointTests
{
    private const int Seconds = 5;

    [Fact]
    public async Task Readyz_turns_200_once_the_broker_is_reachable_and_metrics_lists_the_worker_instruments()
    {
        var directory = Path.Combine(Path.GetTempPath(), "atd-endpoint-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var checkpoint = Path.Combine(directory, "beats.ckpt");
        RandomCheckpoint.WriteArrhythmia(checkpoint);
        var brokerPort = LoopbackPort.FindFree();
        var metricsPort = LoopbackPort.FindFree();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}/"), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await using var worker = TestWorkers.OnBroker(brokerPort, checkpoint, new Dictionary<string, string?>
            {
                ["Metrics:Host"] = "127.0.0.1",
                ["Metrics:Port"] = metricsPort.ToString(CultureInfo.InvariantCulture),
            });

            // No broker yet: the process is alive, the worker is not ready.
            await worker.StartAsync(waitForConnection: false);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode);
            var notReady = await http.GetAsync("readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Contains("MQTT", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            using var broker = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder()
                .WithDefaultEndpoint().WithDefaultEndpointPort(brokerPort).Build());
            await broker.StartAsync();
            await WaitForReadyAsync(http, TimeSpan.FromSeconds(10));

            // Five seconds of record 100 through the worker, so every instrument has a value (histograms appear with their first batch).
            var record = new MitBihWindows(Path.Combine(TestData.Samples, "mitdb"), "100", "bed-100", Messages.Start);
            using (var device = new MqttClientFactory().CreateMqttClient())
            {
                await device.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", brokerPort).Build());
                for (var second = 0; second < Seconds; second++)
                {
                    await PublishAsync(device, AtdTopics.Ecg(record.Bed), WireCodec.Encode(record.Ecg(second)));
                    await PublishAsync(device, AtdTopics.Spectrogram(record.Bed), WireCodec.Encode(record.Image(second)));
                }

                await WorkerHarness.WaitUntilAsync(() => !worker.Beats.IsEmpty, TimeSpan.FromSeconds(20));
            }

            var scrape = await http.GetAsync("metrics");
            var text = await scrape.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
            Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
            foreach (var name in new[]
                     {
                         "atd_messages_in", "atd_messages_rejected", "atd_messages_dropped", "atd_windows_paired", "atd_windows_image_missing",
                         "atd_windows_unpaired_images", "atd_windows_gaps", "atd_beats", "atd_alerts", "atd_deadletters_dropped", "atd_mqtt_round_trip_failures",
                     })
            {
                Assert.Contains($"# TYPE {name}_total counter", text, StringComparison.Ordinal);
            }

            Assert.Contains("# TYPE atd_queue_depth gauge", text, StringComparison.Ordinal);
            Assert.Contains("# TYPE atd_alerts_unpublished gauge", text, StringComparison.Ordinal);
            Assert.Contains("# TYPE atd_queue_lag_seconds gauge", text, StringComparison.Ordinal);
            Assert.Contains($"\natd_messages_in_total {2 * Seconds}\n", text, StringComparison.Ordinal);
            Assert.Contains("# TYPE atd_inference_batch_size histogram", text, StringComparison.Ordinal);
            Assert.Contains("# TYPE atd_inference_duration_seconds histogram", text, StringComparison.Ordinal);
            Assert.Contains("atd_inference_duration_seconds_bucket{le=\"+Inf\"}", text, StringComparison.Ordinal);
            Assert.DoesNotContain("atdmonitor_", text, StringComparison.Ordinal);
            Assert.Contains("# TYPE process_cpu_seconds_total counter", text, StringComparison.Ordinal);
            Assert.Contains("# TYPE process_start_time_seconds gauge", text, StringComparison.Ordinal);
            Assert.Contains("# TYPE dotnet_collection_count_total counter", text, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("nothing-here")).StatusCode);
            using (var post = await http.PostAsync("metrics", null))
            {
                Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
            }

            // A worker whose pipeline died says so, whatever the broker does: the orchestrator restarts it.
            worker.Services.GetRequiredService<WorkerFailure>().Fail("the beat pipeline stopped: test");
            var failed = await http.GetAsync("readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
            Assert.Contains("failed: the beat pipeline stopped: test", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            await broker.StopAsync();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task PublishAsync(IMqttClient device, string topic, byte[] payload) =>
        await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    private static async Task WaitForReadyAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((await http.GetAsync("readyz")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, $"/readyz did not turn 200 within {timeout}.");
            await Task.Delay(50);
        }
    }
}
