using System.Reactive.Concurrency;
using AtdMonitor.Data.Beats;
using AtdMonitor.Model.Inference;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Validation;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Feed;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Recording;
using AtdMonitor.Streaming.Sink;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Inference;

/// <summary>
/// Consumes the bed channel: validates each message (rejects go to the dead-letter topic), feeds ECG windows and images
/// to the <see cref="BeatPipeline"/> and truth to the recorder. At shutdown it processes what is queued, drains the
/// pipeline (pairing, batches in flight) and flushes the sink.
/// </summary>
public sealed partial class BeatPipelineService(
    IngestChannels ingest,
    WireValidator validator,
    DeadLetterOffice deadLetters,
    RecordingChannel recording,
    MonitoringFeed feed,
    AlertEngine alerts,
    AlertDispatcher dispatcher,
    IAlarmCommands alarmCommands,
    IMeasurementSink sink,
    PipelineMetrics metrics,
    IScheduler scheduler,
    IOptions<PipelineOptions> pipeline,
    IOptions<InferenceOptions> inference,
    TimeProvider time,
    ILogger<BeatPipelineService> logger) : BackgroundService, IHostedLifecycleService
{
    private BeatClassifier? _classifier;
    private BeatPipeline? _pipeline;

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

        var classes = string.Join(",", _classifier.ClassNames);
        LogLoaded(options.BeatCheckpoint, options.Device, classes);
        _pipeline = new BeatPipeline(new BeatInference(_classifier, metrics), alerts, dispatcher, sink, recording, feed, metrics, pipeline.Value, scheduler, logger);
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in ingest.Windows.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                // Back-pressure: while the model is behind, messages wait in the bounded channel, which sheds the oldest.
                await _pipeline!.Backlog.WaitForRoomAsync(stoppingToken).ConfigureAwait(false);
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

        await _pipeline!.CompleteAsync().ConfigureAwait(false);
        await sink.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        var beats = metrics.Snapshot(time.GetUtcNow()).Beats;
        LogDrained(beats);
    }

    public override void Dispose()
    {
        _pipeline?.Dispose();
        _classifier?.Dispose();
        base.Dispose();
    }

    private void Handle(ReceivedMessage message)
    {
        var outcome = validator.Validate(message.Topic, message.Payload);
        if (!outcome.IsValid)
        {
            deadLetters.Reject(message, outcome.Reason);
            return;
        }

        if (StreamContract.Check(outcome.Message) is { } unusable)
        {
            deadLetters.Reject(message, unusable);
            return;
        }

        switch (outcome.Message)
        {
            case AlarmCommand command when alarmCommands.Execute(command, AlarmCommandSources.Mqtt) is { Status: AlarmCommandStatus.Invalid } refused:
                deadLetters.Reject(message, refused.Reason);
                break;
            case AlarmCommand:
                break;
            case TruthMessage truth:
                recording.Post(truth);
                break;
            case EcgWindow ecg:
                metrics.RecordLag(time.GetUtcNow() - ecg.FirstSampleTime - TimeSpan.FromSeconds(ecg.SamplesPerLead / (double)ecg.SampleRate));
                _pipeline!.Post(ecg);
                break;
            default:
                _pipeline!.Post(outcome.Message);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Beat classifier {Checkpoint} on {Device}: classes {Classes}")]
    private partial void LogLoaded(string checkpoint, string device, string classes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Beat pipeline drained: {Beats} beats classified")]
    private partial void LogDrained(long beats);
}
