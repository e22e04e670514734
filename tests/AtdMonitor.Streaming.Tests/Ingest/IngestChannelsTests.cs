using AtdMonitor.Protocol.Topics;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Tests.Ingest;

public sealed class IngestChannelsTests
{
    [Fact]
    public void A_full_channel_drops_the_oldest_windows_counts_them_and_lets_the_broker_forget_them_without_blocking()
    {
        using var metrics = new TestMetrics();
        var ledger = new AcknowledgementLedger(5, TimeSpan.FromSeconds(30), TimeProvider.System);
        var channels = new IngestChannels(Options.Create(new PipelineOptions { QueueCapacity = 16 }), metrics.Pipeline, ledger, DeadLetters(metrics, ledger));

        for (var i = 0; i < 20; i++)
        {
            channels.Enqueue(new ReceivedMessage(AtdTopics.Ecg("bed-1"), TopicKind.Ecg, "bed-1", [(byte)i], DateTimeOffset.UnixEpoch, new CountingReceipt()));
        }

        channels.Enqueue(new ReceivedMessage(AtdTopics.Reading("ett-1"), TopicKind.Reading, "ett-1", [99], DateTimeOffset.UnixEpoch, new CountingReceipt()));

        var snapshot = metrics.Pipeline.Snapshot(DateTimeOffset.UnixEpoch);
        Assert.Equal((4L, 17), (snapshot.Dropped, snapshot.QueueDepth));
        Assert.Equal(4, ledger.TakeReleased().Count);
        Assert.True(channels.Windows.Reader.TryRead(out var oldest));
        Assert.Equal(4, oldest.Payload[0]);
        Assert.True(channels.Readings.Reader.TryRead(out var reading));
        Assert.Equal(99, reading.Payload[0]);
    }

    [Fact]
    public void An_alarm_command_is_not_shed_by_a_burst_of_windows_and_one_past_its_channels_capacity_is_dead_lettered_not_lost()
    {
        using var metrics = new TestMetrics();
        var ledger = new AcknowledgementLedger(5, TimeSpan.FromSeconds(30), TimeProvider.System);
        var outbound = new OutboundChannel(Options.Create(new MqttOptions()), metrics.Pipeline, NullLogger<OutboundChannel>.Instance);
        var channels = new IngestChannels(Options.Create(new PipelineOptions { QueueCapacity = 16 }), metrics.Pipeline, ledger,
            new DeadLetterOffice(outbound, ledger, metrics.Pipeline, NullLogger<DeadLetterOffice>.Instance));

        for (var i = 0; i <= IngestChannels.CommandCapacity; i++)
        {
            channels.Enqueue(new ReceivedMessage(AtdTopics.Command("bed-1"), TopicKind.Command, "bed-1", [(byte)i], DateTimeOffset.UnixEpoch, new CountingReceipt()));
            channels.Enqueue(new ReceivedMessage(AtdTopics.Ecg("bed-2"), TopicKind.Ecg, "bed-2", [(byte)i], DateTimeOffset.UnixEpoch, new CountingReceipt()));
        }

        Assert.Equal(IngestChannels.CommandCapacity, channels.Commands.Reader.Count);
        Assert.True(channels.Commands.Reader.TryRead(out var first));
        Assert.Equal(0, first.Payload[0]);
        var snapshot = metrics.Pipeline.Snapshot(DateTimeOffset.UnixEpoch);
        Assert.Equal((1L, (long)IngestChannels.CommandCapacity + 1 - 16), (snapshot.Rejects, snapshot.Dropped));
        Assert.Equal(1, outbound.Count);
    }

    private static DeadLetterOffice DeadLetters(TestMetrics metrics, AcknowledgementLedger ledger) =>
        new(new OutboundChannel(Options.Create(new MqttOptions()), metrics.Pipeline, NullLogger<OutboundChannel>.Instance), ledger, metrics.Pipeline, NullLogger<DeadLetterOffice>.Instance);
}
