using System.Threading.Channels;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Health;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>
/// Bounded channels between the MQTT callback and the pipelines, so the client never waits on processing.
/// Full-queue policy: the OLDEST message is dropped and counted (a stale window is worth less than a fresh one; the
/// pairing stage sees the hole as a gap and resets the beat detector). Bed traffic (ECG, spectrogram, truth, and
/// anything unrecognised, which is validated and dead-lettered there) and sensor readings have separate channels so
/// a flood on one cannot starve the other. Alerts never pass through here: they go out on the unbounded alert lane of
/// <see cref="OutboundChannel"/>.
/// </summary>
public sealed class IngestChannels
{
    private readonly PipelineMetrics _metrics;

    private readonly AcknowledgementLedger _acknowledgements;

    public IngestChannels(IOptions<PipelineOptions> options, PipelineMetrics metrics, AcknowledgementLedger acknowledgements)
    {
        ArgumentNullException.ThrowIfNull(options);
        _metrics = metrics;
        _acknowledgements = acknowledgements;
        Windows = Channel.CreateBounded<ReceivedMessage>(Options(options.Value.QueueCapacity), Shed);
        Readings = Channel.CreateBounded<ReceivedMessage>(Options(options.Value.QueueCapacity), Shed);
        metrics.ObserveQueueDepth(() => Windows.Reader.Count + Readings.Reader.Count);
    }

    /// <summary>ECG windows, spectrograms, truth and unrecognised topics.</summary>
    public Channel<ReceivedMessage> Windows { get; }

    /// <summary><c>atd/v1/{sensor}/reading</c> messages.</summary>
    public Channel<ReceivedMessage> Readings { get; }

    /// <summary>Queues a message without ever waiting (called from the MQTT client's receive callback).</summary>
    public void Enqueue(ReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        (message.Kind == TopicKind.Reading ? Readings : Windows).Writer.TryWrite(message);
    }

    /// <summary>No more input: lets the pipelines drain and stop.</summary>
    public void Complete()
    {
        Windows.Writer.TryComplete();
        Readings.Writer.TryComplete();
    }

    /// <summary>A shed message is given up on purpose: the broker need not deliver it again.</summary>
    private void Shed(ReceivedMessage message)
    {
        _metrics.CountDropped();
        _acknowledgements.ReleaseAfterFlush(message.Receipt);
    }

    private static BoundedChannelOptions Options(int capacity) => new(capacity)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
        SingleWriter = false,
    };
}
