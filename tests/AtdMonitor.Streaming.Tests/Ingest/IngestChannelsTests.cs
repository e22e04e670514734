using AtdMonitor.Protocol.Topics;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Tests.Support;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Tests.Ingest;

public sealed class IngestChannelsTests
{
    [Fact]
    public void A_full_channel_drops_the_oldest_windows_counts_them_and_lets_the_broker_forget_them_without_blocking()
    {
        using var metrics = new TestMetrics();
        var ledger = new AcknowledgementLedger(5, TimeSpan.FromSeconds(30), TimeProvider.System);
        var channels = new IngestChannels(Options.Create(new PipelineOptions { QueueCapacity = 16 }), metrics.Pipeline, ledger);

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
}
