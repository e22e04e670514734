using System.Buffers;
using System.Collections.Concurrent;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Validation;
using AtdMonitor.Servers;
using AtdMonitor.Simulator.Beds;
using AtdMonitor.Simulator.Publishing;
using AtdMonitor.Simulator.Replay;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace AtdMonitor.Simulator.Tests;

public sealed class EmbeddedBrokerTests
{
    [Fact]
    public async Task Every_window_image_and_label_reaches_a_subscriber_through_an_MQTTnet_broker_at_QoS_1()
    {
        var port = LoopbackPort.FindFree();
        using var server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder().WithDefaultEndpoint().WithDefaultEndpointPort(port).Build());
        await server.StartAsync();
        try
        {
            var received = new ConcurrentQueue<(string Topic, byte[] Payload)>();
            using var subscriber = new MqttClientFactory().CreateMqttClient();
            subscriber.ApplicationMessageReceivedAsync += e =>
            {
                received.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
                return Task.CompletedTask;
            };
            await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("test-sub").Build());
            await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("atd/v1/#", MqttQualityOfServiceLevel.AtLeastOnce).Build());

            var record = SyntheticRecords.Create("920", 20 * WireWindow.SamplesPerWindow);
            var beds = new[] { new BedAssignment("bed0001", record, 0), new BedAssignment("bed0002", record, 5 * WireWindow.SamplesPerWindow) };
            await using (var publisher = await MqttMessagePublisher.ConnectAsync(new BrokerConnectionOptions { Host = "127.0.0.1", Port = port, QualityOfService = 1 }, CancellationToken.None))
            {
                using var engine = new ReplayEngine(beds, publisher, new ReplayOptions { Windows = 6, AsFastAsPossible = true, SendTruth = true });
                await engine.RunAsync(CancellationToken.None);
                Assert.Equal(0, engine.Statistics.Failed);
            }

            var expected = (2 * 6 * 2) + beds.Sum(b => Enumerable.Range(0, 6).Count(n => new SimulatedBed(b, DateTimeOffset.UnixEpoch).CreateTruth(n) is not null));
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (received.Count < expected && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            var validator = new WireValidator();
            var outcomes = received.Select(m => validator.Validate(m.Topic, m.Payload)).ToList();
            Assert.Equal(expected, outcomes.Count);
            Assert.All(outcomes, o => Assert.True(o.IsValid, o.Reason));
            Assert.Equal(12, outcomes.Count(o => o.Message is EcgWindow));
            Assert.Equal(12, outcomes.Count(o => o.Message is SpectrogramWindow));
        }
        finally
        {
            await server.StopAsync();
        }
    }

    [Fact]
    public async Task Connecting_to_a_port_where_no_broker_listens_fails_with_the_address_in_the_message()
    {
        var port = LoopbackPort.FindFree();
        var error = await Assert.ThrowsAsync<TimeoutException>(() => MqttMessagePublisher.ConnectAsync(
            new BrokerConnectionOptions { Host = "127.0.0.1", Port = port, ConnectTimeout = TimeSpan.FromMilliseconds(300) }, CancellationToken.None));
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }
}
