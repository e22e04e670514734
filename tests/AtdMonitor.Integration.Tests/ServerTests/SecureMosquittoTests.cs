using System.Text;
using AtdMonitor.Integration.Tests.Fixtures;
using AtdMonitor.Integration.Tests.Support;
using MQTTnet;
using MQTTnet.Exceptions;

namespace AtdMonitor.Integration.Tests.ServerTests;

/// <summary>The shared broker really is the hardened mosquitto the worker meets in production.</summary>
[Collection(SharedServers.Name)]
public sealed class SecureMosquittoTests(SecureMosquittoFixture mosquitto)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_client_with_the_right_password_round_trips_a_QoS_1_message_over_TLS()
    {
        var broker = mosquitto.Server;
        await using var subscriber = await MqttTestClient.ConnectAsync(broker.CreateClientOptions("tls-subscriber", mosquitto.Worker, useTls: true).Build());
        await using var publisher = await MqttTestClient.ConnectAsync(broker.CreateClientOptions("tls-publisher", mosquitto.Device, useTls: true).Build());
        await subscriber.SubscribeAsync("atd/v1/fixture-tls/ecg");

        await publisher.PublishAsync("atd/v1/fixture-tls/ecg", Encoding.UTF8.GetBytes("over TLS"));

        await Eventually.Until(() => subscriber.Received.Count == 1, Timeout, "the message to come back");
        var received = Assert.Single(subscriber.Received);
        Assert.Equal(("atd/v1/fixture-tls/ecg", "over TLS"), (received.Topic, received.PayloadText));
    }

    [Fact]
    public async Task A_client_certificate_signed_by_the_test_CA_is_accepted()
    {
        var options = mosquitto.Server.CreateClientOptions("tls-client-certificate", mosquitto.Worker, useTls: true, withClientCertificate: true).Build();

        await using var client = await MqttTestClient.ConnectAsync(options);

        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        var options = mosquitto.Server.CreateClientOptions("wrong-password", mosquitto.Worker with { Password = "not-the-password" }, useTls: true).Build();

        var answer = await MqttTestClient.TryConnectAsync(options);

        // mosquitto 2.0 answers a bad password with "not authorized" (0x87), not "bad user name or password".
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, answer);
    }

    [Fact]
    public async Task A_client_without_credentials_is_refused_on_the_plain_listener_too()
    {
        var options = mosquitto.Server.CreateClientOptions("anonymous").Build();

        var answer = await MqttTestClient.TryConnectAsync(options);

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, answer);
    }

    [Fact]
    public async Task A_client_that_does_not_trust_the_test_CA_cannot_connect_over_TLS()
    {
        var options = mosquitto.Server.CreateClientOptions("untrusting", mosquitto.Worker, useTls: true)
            .WithTlsOptions(tls => tls.UseTls().WithTargetHost("localhost"))
            .Build();

        await Assert.ThrowsAnyAsync<MqttCommunicationException>(() => MqttTestClient.ConnectAsync(options));
    }
}
