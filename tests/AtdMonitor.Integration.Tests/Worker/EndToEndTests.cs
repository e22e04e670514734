using AtdMonitor.Integration.Tests.Fixtures;
using AtdMonitor.Integration.Tests.Support;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.TestSupport;

namespace AtdMonitor.Integration.Tests.Worker;

/// <summary>Device → mosquitto (TLS, passwords) → worker → victoria-metrics, with nothing going wrong.</summary>
[Collection(SharedServers.Name)]
public sealed class EndToEndTests(SecureMosquittoFixture mosquitto, VictoriaMetricsFixture victoria)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Every_beat_and_every_alert_of_two_beds_reaches_the_store_over_TLS_and_the_token_is_never_logged()
    {
        var settings = new WorkerSettings(mosquitto.Server, victoria.Server, "e2e-worker") { Credentials = mosquitto.Worker, UseTls = true };
        await using var worker = await settings.StartWorkerAsync();
        await using var alerts = await MqttTestClient.ConnectAsync(mosquitto.Server.CreateClientOptions("e2e-alerts", mosquitto.Worker).Build());
        await alerts.SubscribeAsync("atd/v1/+/alert");
        await using var calm = await BedPublisher.ConnectAsync(mosquitto.Server, "e2e-calm", new SyntheticEcg(75, seconds: 30), mosquitto.Device);
        await using var racing = await BedPublisher.ConnectAsync(mosquitto.Server, "e2e-racing", new SyntheticEcg(150, seconds: 30, seed: 2), mosquitto.Device);

        await Task.WhenAll(calm.PublishAsync(0, 30), racing.PublishAsync(0, 30));

        foreach (var bed in new[] { calm, racing })
        {
            var expected = bed.Ecg.ExpectedBeats(0, 30);
            Assert.Equal(expected, await StoredResults.BeatSamplesAsync(victoria.Server, bed.Bed, expected.Count));
        }

        var raised = await Eventually.Until(
            () => Task.FromResult(alerts.Received.Select(m => JsonWireCodec.DecodeAlert(m.Payload)).ToList()),
            received => received.Any(a => a is { Bed: "e2e-racing", Type: "tachycardia", State: AlertState.Raise }),
            Timeout,
            "a tachycardia alert for e2e-racing");
        Assert.DoesNotContain(raised, a => a.Bed == "e2e-calm" && a.Type == "tachycardia");
        var published = raised.Count(a => a.Bed == "e2e-racing");
        Assert.Equal(published, await StoredResults.AlertCountAsync(victoria.Server, "e2e-racing", published));
        Assert.DoesNotContain(settings.InfluxToken, worker.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(mosquitto.Worker.Password, worker.Logs.AllText, StringComparison.Ordinal);
    }
}
