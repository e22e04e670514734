using System.Diagnostics;
using System.Globalization;
using AtdMonitor.Integration.Tests.Support;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Sink;
using AtdMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AtdMonitor.Integration.Tests.Worker;

/// <summary>The worker under the faults of docs/RELIABILITY.md, each against servers of its own (they get stopped).</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task A_broker_restart_mid_stream_loses_no_window_and_stores_no_beat_twice()
    {
        await using var broker = await MosquittoServer.StartAsync();
        await using var store = await VictoriaMetricsServer.StartAsync();
        await using var worker = await new WorkerSettings(broker, store, "restart-broker-worker").StartWorkerAsync();
        await using var bed = await BedPublisher.ConnectAsync(broker, "broker-restart", new SyntheticEcg(90, seconds: 40));

        await bed.PublishAsync(0, 20);
        await broker.StopAsync();
        var publishing = bed.PublishAsync(20, 40); // the device keeps trying while the broker is away
        await Task.Delay(TimeSpan.FromSeconds(2));
        await broker.StartAgainAsync();
        await publishing;
        await bed.PublishAsync(15, 20); // QoS 1 is at-least-once: a device whose acks were lost sends again

        var expected = bed.Ecg.ExpectedBeats(0, 40);
        Assert.Equal(expected, await StoredResults.BeatSamplesAsync(store, bed.Bed, expected.Count));
        Assert.True(bed.Retries > 0, "the device should have had to publish again while the broker was down");
        var health = worker.Health;
        Assert.True(health.Duplicates + health.Late >= 10, $"{health.Duplicates} duplicates and {health.Late} late copies counted; the 10 re-sent messages should be");
        Assert.Contains(worker.Logs.Entries, e => e.Contains("MQTT disconnected", StringComparison.Ordinal));
        Assert.True(worker.IsConnected);
    }

    [Fact]
    public async Task A_connection_that_silently_stops_carrying_messages_is_made_again_within_seconds_and_loses_no_window()
    {
        await using var broker = await MosquittoServer.StartAsync();
        await using var store = await VictoriaMetricsServer.StartAsync();
        await using var relay = TcpRelay.To(MosquittoServer.Host, broker.Port);
        // Keep-alive alone would notice after a minute and a half (60 s without a packet sent, then half of it for the
        // ping); the round-trip probe has to within a few seconds.
        await using var worker = await ThroughRelay(broker, store, relay, "frozen-link-worker", ("Mqtt:KeepAlive", "00:01:00")).StartWorkerAsync();
        await using var bed = await BedPublisher.ConnectAsync(broker, "frozen-link", new SyntheticEcg(80, seconds: 30));

        await bed.PublishAsync(0, 10);
        await StoredResults.BeatSamplesAsync(store, bed.Bed, bed.Ecg.ExpectedBeats(0, 10).Count);
        relay.FreezeOpenConnections();
        var frozen = Stopwatch.StartNew();
        await bed.PublishAsync(10, 30); // the broker sends these into the frozen connection, and again on the new one

        var expected = bed.Ecg.ExpectedBeats(0, 30);
        Assert.Equal(expected, await StoredResults.BeatSamplesAsync(store, bed.Bed, expected.Count));
        Assert.True(frozen.Elapsed < TimeSpan.FromSeconds(25), $"the windows sent into the frozen connection took {frozen.Elapsed.TotalSeconds:0.0} s to be stored");
        Assert.Contains(worker.Logs.Entries, e => e.Contains("MQTT round trip failed", StringComparison.Ordinal));
        Assert.True(relay.Accepted >= 2, "the worker should have connected again");
        Assert.True(worker.IsConnected);
    }

    [Fact]
    public async Task An_alert_the_broker_takes_but_never_acknowledges_is_published_again_on_a_new_connection_within_seconds()
    {
        await using var broker = await MosquittoServer.StartAsync();
        await using var store = await VictoriaMetricsServer.StartAsync();
        await using var relay = TcpRelay.To(MosquittoServer.Host, broker.Port);
        // MQTTnet alone waits for the PUBACK as long as the connection lasts, holding every alert behind this one, and the
        // round-trip probe (QoS 0, still answered) finds nothing wrong with the connection.
        await using var worker = await ThroughRelay(broker, store, relay, "unacknowledged-worker").StartWorkerAsync();
        await using var station = await MqttTestClient.ConnectAsync(broker.CreateClientOptions("unacknowledged-station").Build());
        await using var bed = await BedPublisher.ConnectAsync(broker, "unacknowledged", new SyntheticEcg(150, seconds: 30));
        await station.SubscribeAsync(AtdTopics.Alert(bed.Bed));
        var outbound = worker.Services.GetRequiredService<OutboundChannel>();

        relay.SwallowPublishAcknowledgements();
        await bed.PublishAsync(0, 30);
        await Eventually.Until(() => worker.Health.Alerts > 0, TimeSpan.FromSeconds(60), "the tachycardia alert");
        var raised = Stopwatch.StartNew();

        // The broker passed the first copy on; the worker, never told, publishes it again on a new connection.
        await Eventually.Until(() => outbound.Count == 0 && station.Received.Count >= 2, TimeSpan.FromSeconds(60), "the alert published again and nothing left queued");
        Assert.True(raised.Elapsed < TimeSpan.FromSeconds(20), $"the alert left the worker's queue {raised.Elapsed.TotalSeconds:0.0} s after it was raised");
        Assert.Contains(worker.Logs.Entries, e => e.Contains("did not acknowledge a publish", StringComparison.Ordinal));
        Assert.True(worker.Metrics.RoundTripFailures >= 1);
        Assert.True(relay.Accepted >= 2, "the worker should have connected again");
        var copies = station.Received.Take(2).Select(message => message.Payload).ToList();
        Assert.Equal(copies[0], copies[1]); // the same alert, published twice
        Assert.Equal("tachycardia", JsonWireCodec.DecodeAlert(copies[0]).Type);
        var expected = bed.Ecg.ExpectedBeats(0, 30);
        Assert.Equal(expected, await StoredResults.BeatSamplesAsync(store, bed.Bed, expected.Count));
        Assert.True(worker.IsConnected);
    }

    [Fact]
    public async Task A_store_outage_of_10_s_loses_no_beat_or_alert()
    {
        await using var broker = await MosquittoServer.StartAsync();
        await using var store = await VictoriaMetricsServer.StartAsync();
        await using var worker = await new WorkerSettings(broker, store, "store-outage-worker").StartWorkerAsync();
        await using var bed = await BedPublisher.ConnectAsync(broker, "store-outage", new SyntheticEcg(150, seconds: 40));

        await bed.PublishAsync(0, 10);
        await store.StopAsync();
        var outage = Task.Delay(TimeSpan.FromSeconds(10));
        await bed.PublishAsync(10, 30);
        await outage;
        await store.StartAgainAsync();
        await bed.PublishAsync(30, 40);

        var expected = bed.Ecg.ExpectedBeats(0, 40);
        Assert.Equal(expected, await StoredResults.BeatSamplesAsync(store, bed.Bed, expected.Count));
        var alerts = worker.Health.Alerts;
        Assert.True(alerts > 0, "the 150 bpm bed should have raised tachycardia");
        Assert.Equal(alerts, await StoredResults.AlertCountAsync(store, bed.Bed, (int)alerts));
        var counters = ((InfluxMeasurementSink)worker.Sink).Counters;
        Assert.True(counters.FailedWrites > 0, "writes should have failed during the outage");
        Assert.Equal(0, counters.DroppedPredictions);
    }

    [Fact]
    public async Task Windows_published_while_the_worker_was_stopped_are_processed_when_it_comes_back()
    {
        await using var broker = await MosquittoServer.StartAsync();

        // A store that keeps every write: a window the stopped worker had stored and the broker delivered again would show
        // as a beat stored twice (CleanStopTests has the same guarantee under load).
        await using var store = await VictoriaMetricsServer.StartAsync();
        await using var bed = await BedPublisher.ConnectAsync(broker, "worker-restart", new SyntheticEcg(80, seconds: 40));
        var settings = new WorkerSettings(broker, store, "restarting-worker");
        var beforeStop = bed.Ecg.ExpectedBeats(0, 20);
        await using (await settings.StartWorkerAsync())
        {
            await bed.PublishAsync(0, 20);
            await StoredResults.BeatSamplesAsync(store, bed.Bed, beforeStop.Count);
        }

        await bed.PublishAsync(20, 40); // nobody is listening: the broker queues them in the worker's session
        await using var restarted = await settings.StartWorkerAsync();

        var expected = beforeStop.Concat(bed.Ecg.ExpectedBeats(20, 40)).ToList();
        Assert.Equal(expected, await StoredResults.BeatSamplesAsync(store, bed.Bed, expected.Count));
        Assert.Contains(restarted.Logs.Entries, e => e.Contains("session present: True", StringComparison.Ordinal));
    }

    /// <summary>A worker that reaches the broker through <paramref name="relay"/> and gives its round trip 3 s, with <paramref name="more"/> settings.</summary>
    private static WorkerSettings ThroughRelay(MosquittoServer broker, VictoriaMetricsServer store, TcpRelay relay, string clientId, params (string Key, string Value)[] more) =>
        new(broker, store, clientId)
        {
            Overrides = new Dictionary<string, string>(more.Select(setting => KeyValuePair.Create(setting.Key, setting.Value)))
            {
                ["Mqtt:Port"] = relay.Port.ToString(CultureInfo.InvariantCulture),
                ["Mqtt:RoundTripTimeout"] = "00:00:03",
            },
        };
}
