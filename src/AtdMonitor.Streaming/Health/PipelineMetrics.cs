using System.Diagnostics.Metrics;
using AtdMonitor.Streaming.Pairing;

namespace AtdMonitor.Streaming.Health;

/// <summary>
/// The worker's health figures, published as instruments of the Meter "AtdMonitor" (for dotnet-counters, OpenTelemetry,
/// Prometheus exporters) and readable as a <see cref="HealthSnapshot"/> for the periodic log line and the
/// <c>pipeline</c> measurement. Totals are kept here once; the instruments observe them.
/// </summary>
public sealed class PipelineMetrics
{
    public const string MeterName = "AtdMonitor";

    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _inferenceTime;
    private Func<int> _queueDepth = () => 0;
    private long _messagesIn;
    private long _rejects;
    private long _dropped;
    private long _deadLettersDropped;
    private long _unpublishedAlertsDropped;
    private long _recordingDropped;
    private long _beats;
    private long _batches;
    private int _lastBatchSize;
    private long _lastInferenceTicks;
    private long _alerts;
    private long _lagTicks;
    private long _retainedIgnored;
    private long _bedFaults;
    private long _bedsEvicted;
    private long _bedsRefused;
    private long _roundTripFailures;
    private Func<int> _activeBeds = () => 0;
    private Func<int> _unpublishedAlerts = () => 0;

    public PipelineMetrics(IMeterFactory meterFactory, PairingCounters pairing)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Pairing = pairing;
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableCounter("atd.messages.in", () => Interlocked.Read(ref _messagesIn), "{message}", "Messages received from the broker.");
        meter.CreateObservableCounter("atd.messages.rejected", () => Interlocked.Read(ref _rejects), "{message}", "Messages rejected to the dead-letter topic.");
        meter.CreateObservableCounter("atd.messages.dropped", () => Interlocked.Read(ref _dropped), "{message}", "Oldest messages dropped by a full ingest queue.");
        meter.CreateObservableCounter("atd.recording.dropped", () => Interlocked.Read(ref _recordingDropped), "{entry}", "Oldest windows or truth messages dropped by a full recording queue (the recorder's disk slower than the stream).");
        meter.CreateObservableCounter("atd.alerts.unpublished.dropped", () => Interlocked.Read(ref _unpublishedAlertsDropped), "{message}",
            "Oldest alerts of the most backed-up topic dropped unpublished by a full outbound alert queue (each also went to the store).");
        meter.CreateObservableCounter("atd.deadletters.dropped", () => Interlocked.Read(ref _deadLettersDropped), "{message}", "Oldest dead letters dropped by a full outbound dead-letter queue.");
        meter.CreateObservableGauge("atd.queue.depth", () => _queueDepth(), "{message}", "Messages waiting in the ingest queues.");
        meter.CreateObservableGauge("atd.queue.lag", () => TimeSpan.FromTicks(Interlocked.Read(ref _lagTicks)).TotalMilliseconds, "ms", "Now minus the device time of the end of the newest window processed.");
        meter.CreateObservableCounter("atd.windows.paired", () => pairing.Paired, "{window}", "ECG windows paired with their image.");
        meter.CreateObservableCounter("atd.windows.image_missing", () => pairing.ImageMissing, "{window}", "ECG windows classified without an image after the pairing timeout.");
        meter.CreateObservableCounter("atd.windows.unpaired_images", () => pairing.OrphanImages, "{window}", "Images whose ECG window never came.");
        meter.CreateObservableCounter("atd.windows.late", () => pairing.Late, "{message}", "Windows and images for a sequence number already emitted or skipped.");
        meter.CreateObservableCounter("atd.streams.restarted", () => pairing.Restarts, "{restart}", "Device restarts: a bed's numbering began again lower with a later time (a new stream epoch).");
        meter.CreateObservableCounter("atd.messages.retained_ignored", () => Interlocked.Read(ref _retainedIgnored), "{message}", "Retained messages ignored (old data, never processed).");
        meter.CreateObservableCounter("atd.beds.faults", () => Interlocked.Read(ref _bedFaults), "{fault}", "Processing errors isolated to one bed (the bed was reset, the message dead-lettered).");
        meter.CreateObservableCounter("atd.beds.evicted", () => Interlocked.Read(ref _bedsEvicted), "{bed}", "Idle beds whose state was released.");
        meter.CreateObservableCounter("atd.mqtt.round_trip_failures", () => Interlocked.Read(ref _roundTripFailures), "{failure}", "MQTT connections dropped and made again because the broker stopped answering: the worker's round-trip probe did not come back, or a publish was not acknowledged, in time.");
        meter.CreateObservableCounter("atd.beds.refused", () => Interlocked.Read(ref _bedsRefused), "{message}", "Messages of new beds refused because Pipeline:MaxBeds beds were active.");
        meter.CreateObservableGauge("atd.alerts.unpublished", () => _unpublishedAlerts(), "{event}", "Alert events waiting to be published to the broker (never dropped; a growing count means alarms are not leaving the worker).");
        meter.CreateObservableGauge("atd.beds.active", () => _activeBeds(), "{bed}", "Beds with state in the pipeline.");
        meter.CreateObservableCounter("atd.windows.gaps", () => pairing.GapWindows, "{window}", "Sequence numbers skipped as lost.");
        meter.CreateObservableCounter("atd.beats", () => Interlocked.Read(ref _beats), "{beat}", "Beats classified.");
        meter.CreateObservableCounter("atd.alerts", () => Interlocked.Read(ref _alerts), "{event}", "Alert raise and clear events.");
        _batchSize = meter.CreateHistogram<int>("atd.inference.batch_size", "{beat}", "Beats per inference micro-batch.");
        _inferenceTime = meter.CreateHistogram<double>("atd.inference.duration", "ms", "Time of one inference micro-batch.");
    }

    public PairingCounters Pairing { get; }

    /// <summary>Beats classified so far.</summary>
    public long Beats => Interlocked.Read(ref _beats);

    public void CountMessageIn() => Interlocked.Increment(ref _messagesIn);

    public void CountReject() => Interlocked.Increment(ref _rejects);

    public void CountDropped() => Interlocked.Increment(ref _dropped);

    public void CountDeadLetterDropped() => Interlocked.Increment(ref _deadLettersDropped);

    public void CountUnpublishedAlertDropped() => Interlocked.Increment(ref _unpublishedAlertsDropped);

    /// <summary>Alerts dropped unpublished by a full outbound alert queue (each also went to the store).</summary>
    public long UnpublishedAlertsDropped => Interlocked.Read(ref _unpublishedAlertsDropped);

    public void CountRecordingDropped() => Interlocked.Increment(ref _recordingDropped);

    /// <summary>Recording entries dropped so far.</summary>
    public long RecordingDropped => Interlocked.Read(ref _recordingDropped);

    public void CountRetainedIgnored() => Interlocked.Increment(ref _retainedIgnored);

    public void CountBedFault() => Interlocked.Increment(ref _bedFaults);

    public void CountBedEvicted() => Interlocked.Increment(ref _bedsEvicted);

    public void CountBedRefused() => Interlocked.Increment(ref _bedsRefused);

    public void CountRoundTripFailure() => Interlocked.Increment(ref _roundTripFailures);

    /// <summary>MQTT connections dropped because a round-trip probe did not come back, or a publish was not acknowledged, in time.</summary>
    public long RoundTripFailures => Interlocked.Read(ref _roundTripFailures);

    /// <summary>Lets the pipeline report how many beds hold state.</summary>
    public void ObserveActiveBeds(Func<int> beds) => _activeBeds = beds ?? throw new ArgumentNullException(nameof(beds));

    public void CountAlert() => Interlocked.Increment(ref _alerts);

    public void RecordLag(TimeSpan lag) => Interlocked.Exchange(ref _lagTicks, Math.Max(0, lag.Ticks));

    public void RecordBatch(int beats, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _beats, beats);
        Interlocked.Exchange(ref _lastBatchSize, beats);
        Interlocked.Exchange(ref _lastInferenceTicks, elapsed.Ticks);
        _batchSize.Record(beats);
        _inferenceTime.Record(elapsed.TotalMilliseconds);
    }

    /// <summary>Alert events waiting to be published to the broker.</summary>
    public int UnpublishedAlerts => _unpublishedAlerts();

    /// <summary>Lets the outbound channel report the alerts waiting in it.</summary>
    public void ObserveUnpublishedAlerts(Func<int> alerts) => _unpublishedAlerts = alerts ?? throw new ArgumentNullException(nameof(alerts));

    /// <summary>Lets the ingest queue report its depth.</summary>
    public void ObserveQueueDepth(Func<int> depth) => _queueDepth = depth ?? throw new ArgumentNullException(nameof(depth));

    public HealthSnapshot Snapshot(DateTimeOffset time)
    {
        return new HealthSnapshot(
            time,
            Interlocked.Read(ref _messagesIn),
            Interlocked.Read(ref _rejects),
            Interlocked.Read(ref _dropped),
            _queueDepth(),
            TimeSpan.FromTicks(Interlocked.Read(ref _lagTicks)).TotalMilliseconds,
            Pairing.Paired,
            Pairing.ImageMissing,
            Pairing.OrphanImages,
            Pairing.Duplicates,
            Pairing.Late,
            Pairing.GapWindows,
            Interlocked.Read(ref _beats),
            Interlocked.Read(ref _batches),
            Volatile.Read(ref _lastBatchSize),
            TimeSpan.FromTicks(Interlocked.Read(ref _lastInferenceTicks)).TotalMilliseconds,
            Interlocked.Read(ref _alerts),
            Interlocked.Read(ref _deadLettersDropped),
            Pairing.Restarts,
            Interlocked.Read(ref _retainedIgnored),
            Interlocked.Read(ref _bedFaults),
            _activeBeds(),
            Interlocked.Read(ref _bedsEvicted),
            Interlocked.Read(ref _bedsRefused));
    }
}
