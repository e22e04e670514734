using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Feed;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Inference;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Pairing;
using AtdMonitor.Streaming.Recording;
using AtdMonitor.Streaming.Sink;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Streaming.Pipeline;

/// <summary>
/// The path of every admitted ECG window and image, as one Rx graph that reads top-down:
/// <list type="number">
/// <item>per bed, in a group that ends when the bed has been idle for <c>Pipeline:EvictIdleBedsAfter</c>: pair each
/// window with its image (<see cref="PairingObservableExtensions.PairBySequence"/>), record it, find its beats
/// (<see cref="BeatExtractionObservableExtensions.ExtractBeats"/>);</item>
/// <item>across beds, on the one inference thread: classify in micro-batches
/// (<see cref="ClassificationObservableExtensions.ClassifyInBatches"/>);</item>
/// <item><see cref="Store"/>: beats to the sink, window and beats to the <see cref="MonitoringFeed"/> (where the alarms
/// decide and write their events), then the window's receipts to the <see cref="AcknowledgementLedger"/>.</item>
/// </list>
/// An error in one bed resets that bed, is counted, logged and dead-lettered, and never ends the graph.
/// <see cref="CompleteAsync"/> drains everything in flight; <see cref="Completion"/> faults only if the graph itself dies.
/// </summary>
public sealed partial class BeatPipeline : IDisposable
{
    private readonly Subject<AdmittedMessage> _input = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IDisposable _subscription;
    private readonly object _inputGate = new();
    private readonly BeatPipelineContext _context;
    private volatile bool _completing;

    public BeatPipeline(IBeatClassifier classifier, BeatPipelineContext context, IScheduler scheduler, IScheduler inferenceThread)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        var options = context.Pipeline;
        var pairing = new PairingSettings(options.PairingTimeout, options.ReorderWindow, context.Acknowledgements.ReleaseAfterFlush);
        var batching = new BatchingSettings(options.BatchWindow, options.BatchSize);
        Backlog = new InferenceBacklog(options.MaxPendingBeats);
        context.Metrics.ObserveActiveBeds(() => context.Beds.Count);
        _subscription = _input
            .GroupByUntil(message => message.Bed, bed => bed.Throttle(options.EvictIdleBedsAfter, scheduler), StringComparer.Ordinal)
            .SelectMany(bed => MonitorBed(bed, pairing, scheduler))
            .ClassifyInBatches(classifier, batching, scheduler, inferenceThread, Backlog, OnBatchFailed)
            .Subscribe(Store, error => _drained.TrySetException(error), () => _drained.TrySetResult());
    }

    /// <summary>Beats waiting for the inference thread; the feeder waits on it before posting more (back-pressure).</summary>
    public InferenceBacklog Backlog { get; }

    /// <summary>Completes when the graph has drained; faults if it died.</summary>
    public Task Completion => _drained.Task;

    /// <summary>Feeds one admitted ECG window or spectrogram (any bed). Thread-safe; never throws for a bad message.</summary>
    public void Post(AdmittedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_inputGate)
        {
            try
            {
                _input.OnNext(message);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                OnBedFault(message.Bed, message.Message, message.Receipt, ex);
            }
        }
    }

    /// <summary>Ends the input and waits until every window has been paired (or timed out), batched, classified and stored.</summary>
    public Task CompleteAsync()
    {
        _completing = true;
        lock (_inputGate)
        {
            _input.OnCompleted();
        }

        return _drained.Task;
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _input.Dispose();
    }

    /// <summary>One bed: pair, record, find beats. An error resubscribes the bed afresh (new pairing, new detector).</summary>
    private IObservable<WindowBeats> MonitorBed(IGroupedObservable<string, AdmittedMessage> bed, PairingSettings pairing, IScheduler scheduler)
    {
        _context.Beds.Enrol(bed.Key);
        IObservable<WindowBeats> Chain() => bed
            .PairBySequence(pairing, scheduler, _context.Metrics.Pairing)
            .Do(_context.Recording.Post)
            .ExtractBeats(_context.Quality, (window, ex) => OnBedFault(bed.Key, window.Ecg, new ReceiptSet(window.Receipts), ex))
            .Catch((Exception ex) =>
            {
                OnBedFault(bed.Key, null, null, ex);
                return Chain();
            });

        return Chain().Finally(() => Evict(bed.Key));
    }

    private void Store(ClassifiedWindow classified)
    {
        var window = classified.Window;
        try
        {
            _context.Sink.Write(classified.Beats.Select(BeatPoint.Of).ToList(), WritePriority.Routine);
            _context.Feed.Publish(window);
            foreach (var beat in classified.Beats)
            {
                _context.Feed.Publish(beat);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            OnBedFault(window.Bed, null, null, ex);
        }

        _context.Acknowledgements.Processed(window.Bed, classified.Receipts);
    }

    private void Evict(string bed)
    {
        _context.Beds.Release(bed);
        _context.Acknowledgements.Retire(bed);
        if (!_completing)
        {
            _context.Metrics.CountBedEvicted();
            _context.Feed.PublishEviction(bed);
        }
    }

    private void OnBedFault(string bed, WireMessage? message, IMessageReceipt? receipt, Exception exception)
    {
        _context.Metrics.CountBedFault();
        LogBedFault(_context.Logger, bed, exception);
        if (message is EcgWindow ecg)
        {
            var payload = WireCodec.Encode(ecg);
            _context.DeadLetters.Reject(AtdTopics.Ecg(bed), payload, DateTimeOffset.UtcNow, $"processing failed and bed '{bed}' was reset: {exception.Message}", receipt ?? SettledReceipt.Instance);
        }
        else if (receipt is not null)
        {
            _context.Acknowledgements.ReleaseAfterFlush(receipt);
        }
    }

    private void OnBatchFailed(int beats, Exception exception) => LogBatchFailed(_context.Logger, beats, exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Processing of bed {Bed} failed; the bed was reset and the message dead-lettered")]
    private static partial void LogBedFault(ILogger logger, string bed, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inference failed for a batch of {Beats} beats; their windows go on without beats")]
    private static partial void LogBatchFailed(ILogger logger, int beats, Exception exception);
}
