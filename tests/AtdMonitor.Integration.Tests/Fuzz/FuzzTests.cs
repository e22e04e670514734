using AtdMonitor.Integration.Tests.Fixtures;
using AtdMonitor.Integration.Tests.Support;
using AtdMonitor.Integration.Tests.Worker;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AtdMonitor.Integration.Tests.Fuzz;

/// <summary>More than 10,000 hostile messages through the real broker into the real worker, valid windows in between.</summary>
[Collection(SharedServers.Name)]
public sealed class FuzzTests(SecureMosquittoFixture mosquitto, VictoriaMetricsFixture victoria)
{
    private const int ValidEvery = 500;
    /// <summary>How long the dead letters may stop coming before the test gives up (a slow machine is waited for).</summary>
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_hostile_message_is_dead_lettered_with_a_reason_and_valid_windows_sent_in_between_are_still_processed()
    {
        var hostile = HostileInputs.Create();
        var settings = new WorkerSettings(mosquitto.Server, victoria.Server, "fuzz-worker")
        {
            Credentials = mosquitto.Worker,
            // This test is about rejection, not shedding: neither the ingest queue nor the dead-letter queue may drop.
            Overrides = new Dictionary<string, string> { ["Pipeline:QueueCapacity"] = "20000", ["Mqtt:DeadLetterQueueCapacity"] = "20000" },
        };
        await using var worker = await settings.StartWorkerAsync();
        await using var deadLetters = await MqttTestClient.ConnectAsync(mosquitto.Server.CreateClientOptions("fuzz-dead-letters", mosquitto.Worker).Build());
        await deadLetters.SubscribeAsync(AtdTopics.DeadLetter);
        await using var attacker = await MqttTestClient.ConnectAsync(mosquitto.Server.CreateClientOptions("fuzz-attacker", mosquitto.Device).Build());
        await using var valid = await BedPublisher.ConnectAsync(mosquitto.Server, "fuzz-valid", new SyntheticEcg(100, seconds: 60), mosquitto.Device);

        var outbound = worker.Services.GetRequiredService<OutboundChannel>();
        var connection = worker.Services.GetRequiredService<MqttConnection>();
        var windows = 0;
        for (var i = 0; i < hostile.Count; i++)
        {
            await attacker.PublishAsync(hostile[i].Topic, hostile[i].Payload);
            if (i % ValidEvery == 0)
            {
                await valid.PublishAsync(windows, windows + 1);
                windows++;
            }
        }

        // Probed, not put in the message, so a timeout says which party stopped: the broker's deliveries to the worker
        // (messages in), the worker's rejections, its dead letters waiting and dropped, its connection, subscription and
        // round trip (probes sent and back), how long its publish has waited for a PUBACK, the subscriber (received,
        // disconnects) or this process's thread pool; and the worker's and the broker's last warnings.
        await Eventually.WhileProgressing(
            () => Task.FromResult(new DeadLetterProgress(deadLetters.Received.Count, worker.Health.MessagesIn, worker.Health.Rejects, outbound.Count, worker.Health.DeadLettersDropped, worker.IsConnected,
                connection.IsSubscribed, connection.IsRoundTripConfirmed, Probes(connection), worker.Metrics.RoundTripFailures, DateTimeOffset.UtcNow - connection.PublishWaitingSince,
                string.Join("; ", deadLetters.Disconnects), ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount,
                string.Join(" | ", worker.Logs.Entries.Where(entry => entry.Contains(" Warning: ", StringComparison.Ordinal) || entry.Contains(" Error: ", StringComparison.Ordinal)).TakeLast(3)),
                BrokerLogTail(mosquitto.Server.OutputTail))),
            progress => progress.Received >= hostile.Count && MissingTopics(hostile, Letters(deadLetters)) == 0,
            progress => progress.Received,
            Stall,
            $"{hostile.Count} dead letters");
        var letters = Letters(deadLetters);
        Assert.All(letters, letter => Assert.False(string.IsNullOrWhiteSpace(letter.Reason)));
        Assert.Equal(0, MissingTopics(hostile, letters));
        Assert.True(worker.IsConnected);

        // Exactly once on one connection. A second connection makes the broker deliver the unacknowledged messages
        // again: then at least once.
        if (worker.Logs.Entries.Count(e => e.Contains("MQTT connected to", StringComparison.Ordinal)) == 1)
        {
            Assert.Equal(hostile.Count, letters.Count);
            Assert.Equal(hostile.Count, worker.Health.Rejects);
        }
        else
        {
            Assert.True(worker.Health.Rejects >= hostile.Count);
        }

        var expected = valid.Ecg.ExpectedBeats(0, windows);
        Assert.Equal(expected, await StoredResults.BeatSamplesAsync(victoria.Server, valid.Bed, expected.Count));
        Assert.Empty(await victoria.Server.ExportAsync("{evil=\"1\"}"));
    }

    [Fact]
    public async Task A_topic_the_protocol_forbids_costs_the_sender_its_connection_and_the_worker_keeps_processing()
    {
        await using var worker = await new WorkerSettings(mosquitto.Server, victoria.Server, "fuzz-topic-worker") { Credentials = mosquitto.Worker }.StartWorkerAsync();
        await using var valid = await BedPublisher.ConnectAsync(mosquitto.Server, "fuzz-topic-valid", new SyntheticEcg(100, seconds: 20), mosquitto.Device);

        for (var i = 0; i < HostileInputs.TopicsTheBrokerRefuses.Count; i++)
        {
            await using var attacker = await MqttTestClient.ConnectAsync(mosquitto.Server.CreateClientOptions($"fuzz-topic-{i}", mosquitto.Device).Build());
            await Assert.ThrowsAnyAsync<Exception>(() => attacker.PublishAsync(HostileInputs.TopicsTheBrokerRefuses[i], new byte[] { 1, 2, 3 }));
            await valid.PublishAsync(2 * i, (2 * i) + 2);
        }

        var windows = 2 * HostileInputs.TopicsTheBrokerRefuses.Count;
        var expected = valid.Ecg.ExpectedBeats(0, windows);
        Assert.Equal(expected, await StoredResults.BeatSamplesAsync(victoria.Server, valid.Bed, expected.Count));
        Assert.Equal(0, worker.Health.Rejects);
        Assert.True(worker.IsConnected);
    }

    private static List<DeadLetterMessage> Letters(MqttTestClient deadLetters) => [.. deadLetters.Received.Select(m => JsonWireCodec.DecodeDeadLetter(m.Payload))];

    /// <summary>How many hostile messages have no dead letter on their topic yet (a topic's letters counted against its messages).</summary>
    private static int MissingTopics(IReadOnlyList<HostileInput> hostile, IReadOnlyList<DeadLetterMessage> letters)
    {
        var lettered = letters.CountBy(letter => letter.Topic, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        return hostile.CountBy(input => input.Topic, StringComparer.Ordinal).Sum(topic => Math.Max(0, topic.Value - lettered.GetValueOrDefault(topic.Key)));
    }

    private sealed record DeadLetterProgress(int Received, long MessagesIn, long Rejected, int WaitingInWorker, long DroppedByWorker, bool WorkerConnected, bool WorkerSubscribed, bool RoundTripConfirmed,
        string Probes, long RoundTripFailures, TimeSpan? PublishWaitingFor, string SubscriberDisconnects, int Threads, long PendingWorkItems, string LastWorkerWarnings, string BrokerLog);

    /// <summary>The worker's round-trip probes: sent and highest back on this connection, echoes in all, seconds since anything came in.</summary>
    private static string Probes(MqttConnection connection) =>
        connection.RoundTripProbes is var (sent, back, echoes, lastInbound) ? $"sent {sent}, back {back}, echoes {echoes}, in {(DateTimeOffset.UtcNow - lastInbound).TotalSeconds:0.0} s ago" : string.Empty;

    /// <summary>The broker's last warnings and errors (its log), as one line.</summary>
    private static string BrokerLogTail(string output) => string.Join(" | ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(5));
}
