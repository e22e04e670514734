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
/// anything unrecognised, which is validated and dead-lettered there), sensor readings and alarm commands have separate
/// channels so a flood on one cannot starve the others. An alarm command is never shed: a person sent it, and it must be
/// answered. Its channel holds <see cref="CommandCapacity"/>; one more is dead-lettered at once with that reason, and
/// counted. Alerts never pass through here: they go out on the unbounded alert lane of <see cref="OutboundChannel"/>.
/// </summary>
public sealed class IngestChannels
{
    /// <summary>Alarm commands that may wait; commands are typed by people, so more than this waiting is a flood.</summary>
    public const int CommandCapacity = 256;

    private readonly PipelineMetrics _metrics;

    private readonly AcknowledgementLedger _acknowledgements;

    private readonly DeadLetterOffice _deadLetters;

    public IngestChannels(IOptions<PipelineOptions> options, PipelineMetrics metrics, AcknowledgementLedger acknowledgements, DeadLetterOffice deadLetters)
    {
        ArgumentNullException.ThrowIfNull(options);
        _metrics = metrics;
        _acknowledgements = acknowledgements;
        _deadLetters = deadLetters;
        Windows = Channel.CreateBounded<ReceivedMessage>(Options(options.Value.QueueCapacity, BoundedChannelFullMode.DropOldest), Shed);
        Readings = Channel.CreateBounded<ReceivedMessage>(Options(options.Value.QueueCapacity, BoundedChannelFullMode.DropOldest), Shed);
        Commands = Channel.CreateBounded<ReceivedMessage>(Options(CommandCapacity, BoundedChannelFullMode.DropWrite), Refuse);
        metrics.ObserveQueueDepth(() => Windows.Reader.Count + Readings.Reader.Count + Commands.Reader.Count);
    }

    /// <summary>ECG windows, spectrograms, truth and unrecognised topics.</summary>
    public Channel<ReceivedMessage> Windows { get; }

    /// <summary><c>atd/v1/{sensor}/reading</c> messages.</summary>
    public Channel<ReceivedMessage> Readings { get; }

    /// <summary><c>atd/v1/{bed}/command</c> messages.</summary>
    public Channel<ReceivedMessage> Commands { get; }

    /// <summary>Queues a message without ever waiting (called from the MQTT client's receive callback).</summary>
    public void Enqueue(ReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var channel = message.Kind switch
        {
            TopicKind.Reading => Readings,
            TopicKind.Command => Commands,
            _ => Windows,
        };
        channel.Writer.TryWrite(message);
    }

    /// <summary>A shed message is given up on purpose: the broker need not deliver it again.</summary>
    private void Shed(ReceivedMessage message)
    {
        _metrics.CountDropped();
        _acknowledgements.ReleaseAfterFlush(message.Receipt);
    }

    /// <summary>A command that found its channel full is answered on the dead-letter topic, not lost.</summary>
    private void Refuse(ReceivedMessage message) =>
        _deadLetters.Reject(message, $"{CommandCapacity} alarm commands are already waiting; this one was not taken, send it again.");

    private static BoundedChannelOptions Options(int capacity, BoundedChannelFullMode fullMode) => new(capacity)
    {
        FullMode = fullMode,
        SingleReader = true,
        SingleWriter = false,
    };
}
