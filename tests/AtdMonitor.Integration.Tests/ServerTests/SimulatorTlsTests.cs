using AtdMonitor.Mqtt;
using AtdMonitor.Simulator.Publishing;
using AtdMonitor.TestSupport;

namespace AtdMonitor.Integration.Tests.ServerTests;

/// <summary>The simulator's TLS is the worker's (one builder): a private CA and a client certificate, against real mosquitto.</summary>
public sealed class SimulatorTlsTests
{
    [Fact]
    public async Task The_simulator_trusts_a_private_ca_and_presents_its_client_certificate_to_a_broker_that_requires_one()
    {
        await using var broker = await MosquittoServer.StartAsync(new MosquittoServerOptions { Tls = true, RequireClientCertificate = true });
        var certificates = broker.Certificates!;
        var options = new BrokerConnectionOptions
        {
            Host = MosquittoServer.Host,
            Port = broker.TlsPort!.Value,
            ClientId = "tls-simulator",
            ConnectTimeout = TimeSpan.FromSeconds(10),
            Tls = new MqttTlsSettings
            {
                UseTls = true,
                CaCertificateFile = certificates.CaCertificatePath,
                ClientCertificateFile = certificates.ClientCertificatePath,
                ClientKeyFile = certificates.ClientKeyPath,
            },
        };

        await using var publisher = await MqttMessagePublisher.ConnectAsync(options, CancellationToken.None);
        await publisher.PublishAsync("atd/v1/tls-check/ecg", [1, 2, 3], CancellationToken.None);
    }

    [Fact]
    public async Task Without_its_client_certificate_the_simulator_is_refused()
    {
        await using var broker = await MosquittoServer.StartAsync(new MosquittoServerOptions { Tls = true, RequireClientCertificate = true });
        var options = new BrokerConnectionOptions
        {
            Host = MosquittoServer.Host,
            Port = broker.TlsPort!.Value,
            ClientId = "tls-simulator-without-certificate",
            ConnectTimeout = TimeSpan.FromSeconds(2),
            Tls = new MqttTlsSettings { UseTls = true, CaCertificateFile = broker.Certificates!.CaCertificatePath },
        };

        await Assert.ThrowsAnyAsync<Exception>(async () => await MqttMessagePublisher.ConnectAsync(options, CancellationToken.None));
    }
}
