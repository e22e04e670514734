using AtdMonitor.Protocol.Topics;
using AtdMonitor.Servers;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Sharding;
using AtdMonitor.Streaming.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Server;

namespace AtdMonitor.Streaming.Tests.Ingest;

public sealed class MqttConnectionTests
{
    [Fact]
    public async Task After_the_broker_restarts_the_client_reconnects_resubscribes_and_receives_again()
    {
        var port = LoopbackPort.FindFree();
        using var metrics = new TestMetrics();
        var ledger = new AcknowledgementLedger(5, TimeSpan.FromSeconds(30), TimeProvider.System);
        var options = Options.Create(new MqttOptions
        {
            Host = "127.0.0.1",
            Port = port,
            ClientId = "reconnecting-worker",
            ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        });
        var deadLetters = new DeadLetterOffice(new OutboundChannel(options, metrics.Pipeline, NullLogger<OutboundChannel>.Instance), ledger, metrics.Pipeline, NullLogger<DeadLetterOffice>.Instance);
        var ingest = new IngestChannels(Options.Create(new PipelineOptions()), metrics.Pipeline, ledger, deadLetters);
        await using var connection = new MqttConnection(
            options, new BrokerEndpoint(options), ingest, TimeProvider.System, NullLogger<MqttConnection>.Instance,
            new ShardAssignment(Options.Create(new ShardingOptions())), deadLetters, ledger, metrics.Pipeline);
        using var stop = new CancellationTokenSource();

        var broker = await StartBrokerAsync(port);
        var loop = connection.RunAsync(stop.Token);
        await connection.WaitConnectedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await PublishAsync(port, "first");
        await WorkerHarness.WaitUntilAsync(() => ingest.Windows.Reader.Count == 1, TimeSpan.FromSeconds(10));

        await broker.StopAsync();
        broker.Dispose();
        await WorkerHarness.WaitUntilAsync(() => !connection.IsConnected, TimeSpan.FromSeconds(10));
        using var restarted = await StartBrokerAsync(port);
        await connection.WaitConnectedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await PublishAsync(port, "second");

        await WorkerHarness.WaitUntilAsync(() => ingest.Windows.Reader.Count == 2, TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await loop;
        await restarted.StopAsync();
    }

    private static async Task<MqttServer> StartBrokerAsync(int port)
    {
        var server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder().WithDefaultEndpoint().WithDefaultEndpointPort(port).Build());
        await server.StartAsync();
        return server;
    }

    private static async Task PublishAsync(int port, string text)
    {
        using var device = new MqttClientFactory().CreateMqttClient();
        await device.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("device-" + text).Build());
        await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(AtdTopics.Ecg("bed-1")).WithPayload(text)
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await device.DisconnectAsync();
    }
}
