using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Feed;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Pairing;
using AtdMonitor.Streaming.Recording;
using AtdMonitor.Streaming.Sink;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Streaming.Inference;

/// <summary>
/// The Rx graph from validated ECG windows and images to classified beats and alerts:
/// per bed (GroupBy) pair by sequence number → signal quality + recording + beat extraction →
/// micro-batches across beds (Buffer by time and count) → ONE dedicated inference thread → sink and alerts.
/// <see cref="CompleteAsync"/> drains everything in flight.
/// </summary>
public sealed partial class BeatPipeline : IDisposable
{
    private readonly Subject<WireMessage> _input = new();
    private readonly EventLoopScheduler _inferenceThread = new(start => new Thread(start) { Name = "atd-inference", IsBackground = true });
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IDisposable _subscription;
    private readonly object _inputGate = new();

    public BeatPipeline(
        BeatInference inference,
        AlertEngine alerts,
        AlertDispatcher dispatcher,
        IMeasurementSink sink,
        RecordingChannel recording,
        MonitoringFeed feed,
        PipelineMetrics metrics,
        PipelineOptions options,
        IScheduler scheduler,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(inference);
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(dispatcher);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(options);
        Backlog = new InferenceBacklog(options.MaxPendingBeats);
        var settings = new PairingSettings(options.PairingTimeout, options.ReorderWindow);
        _subscription = _input
            .GroupBy(message => message.Id, StringComparer.Ordinal)
            .SelectMany(bed =>
            {
                var tracker = new BedBeatTracker();
                var monitor = alerts.For(bed.Key);
                return bed.PairBySequence(settings, scheduler, metrics.Pairing).SelectMany(window =>
                {
                    recording.Post(window);
                    var lead0 = StreamContract.Lead0Millivolts(window.Ecg);
                    feed.Publish(new MonitoredWindow(window.Bed, 0, window.Sequence, window.Ecg.FirstSampleTime, window.Ecg.SampleRate, lead0, window.ImageMissing));
                    dispatcher.Post(monitor.OnWindow(lead0, window.Ecg.FirstSampleTime));

                    var beats = new List<BeatCandidate>();
                    if (tracker.Process(window, lead0, beats))
                    {
                        monitor.OnGap();
                    }

                    return beats;
                });
            })
            .Buffer(options.BatchWindow, options.BatchSize, scheduler)
            .Where(batch => batch.Count > 0)
            .Do(batch => Backlog.Add(batch.Count))
            .ObserveOn(_inferenceThread)
            .Subscribe(
                batch =>
                {
                    IReadOnlyList<ClassifiedBeat> classified;
                    try
                    {
                        classified = inference.Classify(batch);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        // One bad batch must not stop monitoring of every bed; the loss is logged and visible in the beat counts.
                        LogBatchFailed(logger, batch.Count, ex);
                        return;
                    }
                    finally
                    {
                        Backlog.Remove(batch.Count);
                    }

                    sink.WriteBeats(classified);
                    foreach (var beat in classified)
                    {
                        feed.Publish(beat);
                        dispatcher.Post(alerts.OnBeat(beat));
                    }
                },
                error => _drained.TrySetException(error),
                () => _drained.TrySetResult());
    }

    /// <summary>Beats waiting for the inference thread; callers wait on it before posting more (back-pressure).</summary>
    public InferenceBacklog Backlog { get; }

    /// <summary>Feeds one validated ECG window or spectrogram (any bed). Thread-safe.</summary>
    public void Post(WireMessage message)
    {
        lock (_inputGate)
        {
            _input.OnNext(message);
        }
    }

    /// <summary>Ends the input and waits until every window has been paired (or timed out), batched, classified and written.</summary>
    public Task CompleteAsync()
    {
        lock (_inputGate)
        {
            _input.OnCompleted();
        }

        return _drained.Task;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Inference failed for a batch of {Beats} beats; the batch is dropped")]
    private static partial void LogBatchFailed(ILogger logger, int beats, Exception exception);

    public void Dispose()
    {
        _subscription.Dispose();
        _inferenceThread.Dispose();
        _input.Dispose();
    }
}
