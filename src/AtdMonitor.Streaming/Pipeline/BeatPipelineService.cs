using System.Reactive.Concurrency;
using AtdMonitor.Data.Beats;
using AtdMonitor.Model.Inference;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Feed;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Inference;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Observability;
using AtdMonitor.Streaming.Recording;
using AtdMonitor.Streaming.Sink;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Pipeline;

/// <summary>
/// Loads the beat classifier, builds the <see cref="BeatPipeline"/> and feeds it from the bed channel: each message is
/// admitted (rejects go to the dead-letter topic), ECG windows and images go to the pipeline, truth to the recorder
/// (alarm commands have a channel and a service of their own, <see cref="AlarmCommandService"/>).
/// At shutdown it processes what is queued and drains the pipeline. If the pipeline itself dies, the worker is marked
/// failed and the host stops.
/// </summary>
public sealed partial class BeatPipelineService(
    IngestChannels ingest,
    WireAdmission admission,
    AlertEngine alerts,
    MonitoringFeed feed,
    RecordingChannel recording,
    IMeasurementSink sink,
    AcknowledgementLedger acknowledgements,
    BedRoster beds,
    DeadLetterOffice deadLetters,
    PipelineMetrics metrics,
    WorkerFailure failure,
    IScheduler scheduler,
    IOptions<PipelineOptions> pipeline,
    IOptions<AlertsOptions> alertOptions,
    IOptions<InferenceOptions> inference,
    TimeProvider time,
    ILogger<BeatPipelineService> logger) : BackgroundService, IHostedLifecycleService
{
    private BeatClassifier? _classifier;
    private EventLoopScheduler? _inferenceThread;
    private BeatPipeline? _pipeline;
    private IDisposable? _alarms;
    private IDisposable? _families;

    /// <summary>Loads the model before any hosted service starts, so a missing checkpoint stops the start before the broker opens.</summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var options = inference.Value;
        if (!File.Exists(options.BeatCheckpoint))
        {
            throw new WorkerStartException($"Inference:BeatCheckpoint '{Path.GetFullPath(options.BeatCheckpoint)}' does not exist; train one with 'atd train' or point Inference:BeatCheckpoint at a checkpoint.");
        }

        TorchThreads.Apply(options.Threads);
        try
        {
            _classifier = BeatClassifier.Load(options.BeatCheckpoint, options.Device);
            BeatSpec.RequireRhythmFeatures(_classifier.RhythmFeatures);
        }
        catch (InvalidOperationException ex)
        {
            throw new WorkerStartException($"Inference:Device '{options.Device}': {ex.Message}", ex);
        }
        catch (InvalidDataException ex)
        {
            throw new WorkerStartException($"Inference:BeatCheckpoint '{options.BeatCheckpoint}': {ex.Message}", ex);
        }

        LogLoaded(options.BeatCheckpoint, options.Device, _classifier.ClassNames);
        _inferenceThread = new EventLoopScheduler(start => new Thread(start) { Name = "atd-inference", IsBackground = true });
        var context = new BeatPipelineContext(pipeline.Value, alertOptions.Value.SignalQuality, sink, feed, acknowledgements, beds, recording, deadLetters, metrics, logger);
        var families = new BedBeatFamilies();
        _families = feed.Evictions.Subscribe(families.Release);
        _pipeline = new BeatPipeline(new ModelBeatClassifier(_classifier, families, metrics), context, scheduler, _inferenceThread);
        _alarms = alerts.Watch(feed, scheduler);
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A pipeline that dies (no bed can cause that) ends the feeding loop at once; CompleteAsync then surfaces why.
        var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _ = _pipeline!.Completion.ContinueWith(_ => running.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        try
        {
            await foreach (var message in ingest.Windows.Reader.ReadAllAsync(running.Token).ConfigureAwait(false))
            {
                // Back-pressure: while the model is behind, messages wait in the bounded channel, which sheds the oldest.
                await _pipeline.Backlog.WaitForRoomAsync(running.Token).ConfigureAwait(false);
                Handle(message);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            while (ingest.Windows.Reader.TryRead(out var message))
            {
                Handle(message);
            }
        }
        catch (OperationCanceledException) when (_pipeline.Completion.IsFaulted)
        {
            // Reported below.
        }

        try
        {
            await _pipeline.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            failure.Fail($"the beat pipeline stopped: {ex.Message}");
            LogPipelineDied(ex);
            throw;
        }

        LogDrained(metrics.Beats);
    }

    public override void Dispose()
    {
        _alarms?.Dispose();
        _families?.Dispose();
        _pipeline?.Dispose();
        _inferenceThread?.Dispose();
        _classifier?.Dispose();
        base.Dispose();
    }

    private void Handle(ReceivedMessage message)
    {
        switch (admission.Admit(message))
        {
            case null:
                break;
            case TruthMessage truth:
                recording.Post(truth);
                acknowledgements.ReleaseAfterFlush(message.Receipt);
                break;
            case EcgWindow ecg:
                metrics.RecordLag(time.GetUtcNow() - ecg.FirstSampleTime - TimeSpan.FromSeconds(ecg.SamplesPerLead / (double)ecg.SampleRate));
                _pipeline!.Post(new AdmittedMessage(ecg, message.Receipt));
                break;
            case var other:
                _pipeline!.Post(new AdmittedMessage(other, message.Receipt));
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Beat classifier {Checkpoint} on {Device}: classes {Classes}")]
    private partial void LogLoaded(string checkpoint, string device, IReadOnlyList<string> classes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Beat pipeline drained: {Beats} beats classified")]
    private partial void LogDrained(long beats);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The beat pipeline died; the worker stops so that it is restarted")]
    private partial void LogPipelineDied(Exception exception);
}
