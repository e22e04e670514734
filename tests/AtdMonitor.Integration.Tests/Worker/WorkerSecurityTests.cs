using AtdMonitor.Integration.Tests.Fixtures;
using AtdMonitor.Integration.Tests.Support;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AtdMonitor.Integration.Tests.Worker;

/// <summary>The worker's side of docs/SECURITY.md: TLS with a private CA, passwords, client certificates, secrets kept out of logs.</summary>
[Collection(SharedServers.Name)]
public sealed class WorkerSecurityTests(SecureMosquittoFixture mosquitto, VictoriaMetricsFixture victoria)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_worker_with_a_wrong_password_is_refused_keeps_retrying_and_never_logs_the_password()
    {
        var wrong = mosquitto.Worker with { Password = "wrong-" + Guid.NewGuid().ToString("N") };
        var settings = new WorkerSettings(mosquitto.Server, victoria.Server, "wrong-password-worker") { Credentials = wrong, UseTls = true, WaitForConnection = false };
        await using var worker = await settings.StartWorkerAsync();

        await Eventually.Until(
            () => worker.Logs.Entries.Count(e => e.Contains("MQTT connect", StringComparison.Ordinal) && e.Contains("failed", StringComparison.Ordinal)) >= 2,
            Timeout,
            "two refused connection attempts in the log");

        Assert.False(worker.IsConnected);
        Assert.DoesNotContain(wrong.Password, worker.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(settings.InfluxToken, worker.Logs.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("topic read atd/v1/worker/+/roundtrip")] // the probes are not let through
    [InlineData("topic read atd/v1/+/ecg")] // neither is the subscription
    public async Task A_broker_whose_ACL_refuses_the_round_trip_topic_gets_one_error_logged_and_the_connection_is_kept(string rule)
    {
        var user = MqttCredentials.Random("atd-worker");
        await using var broker = await MosquittoServer.StartAsync(new MosquittoServerOptions { Users = [user], Acl = ["user atd-worker", rule] });
        var settings = new WorkerSettings(broker, victoria.Server, "refused-probe-worker") { Credentials = user, Overrides = new Dictionary<string, string> { ["Mqtt:RoundTripTimeout"] = "00:00:03" } };
        await using var worker = await settings.StartWorkerAsync();

        await Eventually.Until(() => worker.Logs.Entries.Any(e => e.Contains("round-trip topic", StringComparison.Ordinal) || e.Contains("round-trip probe", StringComparison.Ordinal)),
            Timeout, "the error about the refused probe");
        await Task.Delay(TimeSpan.FromSeconds(7)); // two more timeouts: nothing more may happen

        Assert.Single(worker.Logs.Entries, e => e.Contains(" Error: ", StringComparison.Ordinal) && e.Contains("round-trip", StringComparison.Ordinal));
        Assert.DoesNotContain(worker.Logs.Entries, e => e.Contains("MQTT disconnected", StringComparison.Ordinal) || e.Contains("MQTT round trip failed", StringComparison.Ordinal));
        Assert.True(worker.IsConnected);
        Assert.False(worker.Services.GetRequiredService<MqttConnection>().IsRoundTripConfirmed);
    }

    [Fact]
    public async Task An_alert_the_broker_refuses_for_one_bed_stays_queued_while_another_beds_alerts_go_out()
    {
        var user = MqttCredentials.Random("atd-worker");
        var station = MqttCredentials.Random("atd-station");
        var refusedDevice = MqttCredentials.Random("refused-alert-bed");
        var acceptedDevice = MqttCredentials.Random("accepted-alert-bed");
        await using var broker = await MosquittoServer.StartAsync(new MosquittoServerOptions
        {
            Users = [user, station, refusedDevice, acceptedDevice],
            // The worker's ACL of docs/SECURITY.md with "topic write atd/v1/+/alert" narrowed to one bed, as a mistyped
            // per-bed rule would: the broker answers the other bed's alerts with a PUBACK that says "not authorised".
            Acl =
            [
                "user atd-worker", "topic read atd/v1/+/ecg", "topic read atd/v1/+/spectrogram", "pattern readwrite atd/v1/worker/%c/roundtrip",
                $"topic write {AtdTopics.Alert(acceptedDevice.UserName)}",
                "user atd-station", "topic read atd/v1/+/alert",
                "pattern write atd/v1/%u/ecg", "pattern write atd/v1/%u/spectrogram",
            ],
        });
        await using var worker = await new WorkerSettings(broker, victoria.Server, "refused-alert-worker") { Credentials = user }.StartWorkerAsync();
        await using var listener = await MqttTestClient.ConnectAsync(broker.CreateClientOptions("station", station).Build());
        await listener.SubscribeAsync("atd/v1/+/alert");
        await using var refusedBed = await BedPublisher.ConnectAsync(broker, refusedDevice.UserName, new SyntheticEcg(150, seconds: 20), refusedDevice);
        await using var acceptedBed = await BedPublisher.ConnectAsync(broker, acceptedDevice.UserName, new SyntheticEcg(150, seconds: 20), acceptedDevice);
        var outbound = worker.Services.GetRequiredService<OutboundChannel>();

        // The refused bed's tachycardia first, so that its refused raise is the oldest alert waiting.
        await refusedBed.PublishAsync(0, 20);
        await Eventually.Until(() => worker.Logs.Entries.Any(e => e.Contains("the broker refused it", StringComparison.Ordinal)), Timeout, "the refusal in the log");
        await acceptedBed.PublishAsync(0, 20);
        await Eventually.Until(() => listener.Received.Any(m => m.Topic == AtdTopics.Alert(acceptedDevice.UserName)), Timeout, "the other bed's alert, past the refused one");
        await Task.Delay(TimeSpan.FromSeconds(2)); // two more refusals

        Assert.DoesNotContain(listener.Received, m => m.Topic == AtdTopics.Alert(refusedDevice.UserName));
        Assert.True(outbound.AlertCount > 0, "a refused alert must stay queued, and count as unpublished");
        Assert.Single(worker.Logs.Entries, e => e.Contains("the broker refused it", StringComparison.Ordinal)); // once, not once a second
        Assert.True(worker.IsConnected);
    }

    [Fact]
    public async Task The_worker_presents_its_client_certificate_to_a_broker_that_requires_one()
    {
        await using var broker = await MosquittoServer.StartAsync(new MosquittoServerOptions { Tls = true, RequireClientCertificate = true });
        var certificates = broker.Certificates!;
        var settings = new WorkerSettings(broker, victoria.Server, "client-certificate-worker")
        {
            UseTls = true,
            Overrides = new Dictionary<string, string>
            {
                ["Mqtt:ClientCertificateFile"] = certificates.ClientCertificatePath,
                ["Mqtt:ClientKeyFile"] = certificates.ClientKeyPath,
            },
        };

        await using var worker = await settings.StartWorkerAsync();

        Assert.True(worker.IsConnected);
    }

    [Fact]
    public async Task A_worker_without_a_client_certificate_cannot_connect_to_a_broker_that_requires_one()
    {
        await using var broker = await MosquittoServer.StartAsync(new MosquittoServerOptions { Tls = true, RequireClientCertificate = true });
        var settings = new WorkerSettings(broker, victoria.Server, "no-certificate-worker") { UseTls = true, WaitForConnection = false };
        await using var worker = await settings.StartWorkerAsync();

        await Eventually.Until(
            () => worker.Logs.Entries.Any(e => e.Contains("MQTT connect", StringComparison.Ordinal) && e.Contains("failed", StringComparison.Ordinal)),
            Timeout,
            "a refused TLS handshake in the log");

        Assert.False(worker.IsConnected);
    }
}
