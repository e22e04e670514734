using System.Buffers;
using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Validation;
using AtdMonitor.Servers;
using AtdMonitor.Simulator.Beds;
using AtdMonitor.Simulator.Cli;
using AtdMonitor.Simulator.Publishing;
using AtdMonitor.Simulator.Replay;
using AtdMonitor.Tests.Shared;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace AtdMonitor.Simulator.Tests;

public sealed class EmbeddedBrokerTests
{
    [Fact]
    public Task Every_window_image_and_label_reaches_a_subscriber_through_an_MQTTnet_broker_at_QoS_1() => WithBrokerAsync(async (port, received) =>
    {
        var record = SyntheticRecords.Create("920", 20 * WireWindow.SamplesPerWindow);
        var beds = new[] { new BedAssignment("bed0001", record, 0), new BedAssignment("bed0002", record, 5 * WireWindow.SamplesPerWindow) };
        await using (var publisher = await MqttMessagePublisher.ConnectAsync(new BrokerConnectionOptions { Host = "127.0.0.1", Port = port, QualityOfService = 1 }, CancellationToken.None))
        {
            using var engine = new ReplayEngine(beds, publisher, new ReplayOptions { Windows = 6, AsFastAsPossible = true, SendTruth = true });
            await engine.RunAsync(CancellationToken.None);
            Assert.Equal(0, engine.Statistics.Failed);
        }

        var expected = (2 * 6 * 2) + beds.Sum(b => Enumerable.Range(0, 6).Count(n => new SimulatedBed(b, DateTimeOffset.UnixEpoch).CreateTruth(n) is not null));
        await WaitForAsync(received, expected);

        var validator = new WireValidator();
        var outcomes = received.Select(m => validator.Validate(m.Topic, m.Payload)).ToList();
        Assert.Equal(expected, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.IsValid, o.Reason));
        Assert.Equal(12, outcomes.Count(o => o.Message is EcgWindow));
        Assert.Equal(12, outcomes.Count(o => o.Message is SpectrogramWindow));
    });

    [Fact]
    public Task Sensors_only_sends_duration_over_reading_interval_readings_per_sensor_and_no_bed_message() => WithBrokerAsync(async (port, received) =>
    {
        using var output = new StringWriter();

        var exit = await SimulatorCommandLine.Create()
            .Parse(["--data", TestData.Samples, "--port", port.ToString(CultureInfo.InvariantCulture), "--sensors-only", "--sensors", "2",
                "--duration", "12", "--reading-interval", "2", "--as-fast-as-possible"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output });

        Assert.True(exit == 0, output.ToString());
        Assert.Contains("atd-sim: 2 sensors, no beds, 6 readings each", output.ToString(), StringComparison.Ordinal);
        await WaitForAsync(received, 12);
        await Task.Delay(200);
        Assert.Equal(["atd/v1/ett01/reading", "atd/v1/ett02/reading"], received.Select(m => m.Topic).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(12, received.Count);
    });

    [Fact]
    public async Task Connecting_to_a_port_where_no_broker_listens_fails_with_the_address_in_the_message()
    {
        var port = LoopbackPort.FindFree();
        var error = await Assert.ThrowsAsync<TimeoutException>(() => MqttMessagePublisher.ConnectAsync(
            new BrokerConnectionOptions { Host = "127.0.0.1", Port = port, ConnectTimeout = TimeSpan.FromMilliseconds(300) }, CancellationToken.None));
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="test"/> against an in-process MQTTnet broker on a free port, with a subscriber to every atd/v1 topic.</summary>
    private static async Task WithBrokerAsync(Func<int, ConcurrentQueue<(string Topic, byte[] Payload)>, Task> test)
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
            await test(port, received);
        }
        finally
        {
            await server.StopAsync();
        }
    }

    private static async Task WaitForAsync(ConcurrentQueue<(string Topic, byte[] Payload)> received, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (received.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }
}
