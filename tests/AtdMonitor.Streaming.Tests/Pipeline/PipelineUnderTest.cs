using System.Collections.Concurrent;
using System.Reactive.Concurrency;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Feed;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Pipeline;
using AtdMonitor.Streaming.Recording;
using AtdMonitor.Streaming.Sink;
using AtdMonitor.Streaming.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace AtdMonitor.Streaming.Tests.Pipeline;

/// <summary>
/// A <see cref="BeatPipeline"/> with a <see cref="FixedClassifier"/>, timers on a virtual clock and inference inline:
/// no broker, no checkpoint. Collects what the feed publishes and what is dead-lettered.
/// </summary>
internal sealed class PipelineUnderTest : IDisposable
{
    private readonly System.Reactive.Disposables.CompositeDisposable _subscriptions;

    public PipelineUnderTest(PipelineOptions? options = null)
    {
        Options = options ?? new PipelineOptions { EvictIdleBedsAfter = TimeSpan.FromSeconds(30) };
        var mqtt = Microsoft.Extensions.Options.Options.Create(new MqttOptions());
        Ledger = new AcknowledgementLedger(BedBeatTracker.WarmUpWindows, TimeSpan.FromSeconds(30), new SchedulerTimeProvider(Clock));
        var outbound = new OutboundChannel(mqtt, Metrics.Pipeline, NullLogger<OutboundChannel>.Instance);
        Outbound = outbound;
        Beds = new BedRoster(Options.MaxBeds);
        var context = new BeatPipelineContext(
            Options, new SignalQualityAlertOptions(), Sink.Object, Feed, Ledger, Beds,
            new RecordingChannel(Microsoft.Extensions.Options.Options.Create(new RecordingOptions()), Metrics.Pipeline),
            new DeadLetterOffice(outbound, Ledger, Metrics.Pipeline, NullLogger<DeadLetterOffice>.Instance),
            Metrics.Pipeline, NullLogger.Instance);
        Pipeline = new BeatPipeline(Classifier, context, Clock, ImmediateScheduler.Instance);
        _subscriptions = new System.Reactive.Disposables.CompositeDisposable(
            Feed.Beats.Subscribe(Beats.Enqueue),
            Feed.Windows.Subscribe(Windows.Enqueue),
            Feed.Evictions.Subscribe(Evictions.Enqueue));
    }

    public HistoricalScheduler Clock { get; } = new(Messages.Start);

    public PipelineOptions Options { get; }

    public TestMetrics Metrics { get; } = new();

    public FixedClassifier Classifier { get; } = new();

    public Mock<IMeasurementSink> Sink { get; } = new();

    public MonitoringFeed Feed { get; } = new();

    public AcknowledgementLedger Ledger { get; }

    public BedRoster Beds { get; }

    public OutboundChannel Outbound { get; }

    public BeatPipeline Pipeline { get; }

    public ConcurrentQueue<ClassifiedBeat> Beats { get; } = new();

    public ConcurrentQueue<MonitoredWindow> Windows { get; } = new();

    public ConcurrentQueue<string> Evictions { get; } = new();

    /// <summary>Posts a window with its image, then lets the batch window pass on the virtual clock.</summary>
    public void Post(EcgWindow ecg, SpectrogramWindow? image = null, IMessageReceipt? receipt = null)
    {
        Pipeline.Post(new AdmittedMessage(ecg, receipt ?? new CountingReceipt()));
        if (image is not null)
        {
            Pipeline.Post(new AdmittedMessage(image, new CountingReceipt()));
        }

        Clock.AdvanceBy(Options.BatchWindow);
    }

    public void Dispose()
    {
        _subscriptions.Dispose();
        Pipeline.Dispose();
        Feed.Dispose();
        Metrics.Dispose();
    }
}
