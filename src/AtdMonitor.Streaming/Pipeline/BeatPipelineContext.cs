using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Feed;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Recording;
using AtdMonitor.Streaming.Sink;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Streaming.Pipeline;

/// <summary>What the <see cref="BeatPipeline"/> writes to and reports through, besides the classifier and its schedulers.</summary>
public sealed record BeatPipelineContext(
    PipelineOptions Pipeline,
    SignalQualityAlertOptions Quality,
    IMeasurementSink Sink,
    MonitoringFeed Feed,
    AcknowledgementLedger Acknowledgements,
    BedRoster Beds,
    RecordingChannel Recording,
    DeadLetterOffice DeadLetters,
    PipelineMetrics Metrics,
    ILogger Logger);
