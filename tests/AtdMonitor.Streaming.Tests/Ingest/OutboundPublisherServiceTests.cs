using System.Collections.Concurrent;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Servers;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Sharding;
using AtdMonitor.Streaming.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace AtdMonitor.Streaming.Tests.Ingest;

/// <summary>The outbound publisher against an in-process MQTTnet broker that refuses one bed's alert topic.</summary>
public sealed class OutboundPublisherServiceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Another_beds_alert_goes_out_while_a_refused_topic_is_held_without_waiting_for_its_next_attempt()
    {
        var refusedTopic = AtdTopics.Alert("bed-refused");
        var port = LoopbackPort.FindFree();
        using var metrics = new TestMetrics();
        var ledger = new AcknowledgementLedger(5, TimeSpan.FromSeconds(30), TimeProvider.System);
        var options = Options.Create(new MqttOptions { Host = "127.0.0.1", Port = port, ClientId = "outbound-publisher" });
        var outbound = new OutboundChannel(options, metrics.Pipeline, NullLogger<OutboundChannel>.Instance);
        var deadLetters = new DeadLetterOffice(outbound, ledger, metrics.Pipeline, NullLogger<DeadLetterOffice>.Instance);
        var ingest = new IngestChannels(Options.Create(new PipelineOptions()), metrics.Pipeline, ledger, deadLetters);
        // What the broker saw, in order: every attempt on the refused topic, and each message it took.
        var seen = new ConcurrentQueue<string>();
        using var broker = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder().WithDefaultEndpoint().WithDefaultEndpointPort(port).Build());
        broker.InterceptingPublishAsync += args =>
        {
            if (args.ApplicationMessage.Topic == refusedTopic)
            {
                args.ProcessPublish = false;
                args.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
                seen.Enqueue("refused");
            }
            else if (args.ApplicationMessage.Topic.EndsWith("/alert", StringComparison.Ordinal))
            {
                seen.Enqueue($"{args.ApplicationMessage.Topic}#{args.ApplicationMessage.Payload.FirstSpan[0]}");
            }

            return Task.CompletedTask;
        };
        await broker.StartAsync();
        await using var connection = new MqttConnection(options, new BrokerEndpoint(options), ingest, TimeProvider.System, NullLogger<MqttConnection>.Instance,
            new ShardAssignment(Options.Create(new ShardingOptions())), deadLetters, ledger, metrics.Pipeline);
        using var stop = new CancellationTokenSource();
        var loop = connection.RunAsync(stop.Token);
        await connection.WaitConnectedAsync(CancellationToken.None).WaitAsync(Timeout);
        using var publisher = new OutboundPublisherService(outbound, connection, NullLogger<OutboundPublisherService>.Instance);
        await publisher.StartAsync(CancellationToken.None);

        outbound.EnqueueAlert(new OutboundMessage(refusedTopic, [0]));
        // Four refusals: the hold has grown to at least 0.8 s (0.2 s doubling to 1 s, jitter ±20 %).
        await WorkerHarness.WaitUntilAsync(() => seen.Count(s => s == "refused") >= 4, Timeout);
        for (byte i = 1; i <= 3; i++)
        {
            // Just after an attempt on the refused topic, at the start of a hold.
            var attempts = seen.Count(s => s == "refused");
            await WorkerHarness.WaitUntilAsync(() => seen.Count(s => s == "refused") > attempts, Timeout);
            var before = seen.Count;
            outbound.EnqueueAlert(new OutboundMessage(AtdTopics.Alert("bed-2"), [i]));
            var expected = $"{AtdTopics.Alert("bed-2")}#{i}";
            await WorkerHarness.WaitUntilAsync(() => seen.Contains(expected), Timeout);

            Assert.Equal(expected, seen.Skip(before).First());
        }

        Assert.Equal(1, outbound.AlertCount);
        await publisher.StopAsync(CancellationToken.None);
        await stop.CancelAsync();
        await loop;
        await broker.StopAsync();
    }
}
