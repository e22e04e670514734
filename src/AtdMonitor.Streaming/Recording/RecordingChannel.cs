using System.Threading.Channels;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Pairing;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Recording;

/// <summary>
/// Windows and truth on their way to the Parquet recorder, in arrival order; does nothing while <c>Recording:Enabled</c>
/// is false. A window carries its bed's stream epoch (the worker's restart detection) and a truth message may be given
/// one; both are stored so that truth labels are never joined to the windows of another session of the bed
/// (<see cref="Data.Recordings.RecordingReader"/>). Bounded to <see cref="RowGroupsQueued"/> row groups' worth: when the
/// recorder's disk is slower than the stream the oldest entry is dropped and counted (<c>atd.recording.dropped</c>),
/// so memory stays bounded and monitoring goes on.
/// </summary>
public sealed class RecordingChannel
{
    /// <summary>Row groups (<c>Recording:RowGroupWindows</c> entries each) that may wait for the recorder.</summary>
    public const int RowGroupsQueued = 4;

    private readonly Channel<RecordingEntry> _channel;
    private readonly bool _enabled;

    public RecordingChannel(IOptions<RecordingOptions> options, PipelineMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        _enabled = options.Value.Enabled;
        var capacity = RowGroupsQueued * Math.Max(1, options.Value.RowGroupWindows);
        _channel = Channel.CreateBounded<RecordingEntry>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false },
            _ => metrics.CountRecordingDropped());
    }

    public ChannelReader<RecordingEntry> Reader => _channel.Reader;

    /// <summary>Records <paramref name="window"/>, unless its device reports lead 0's electrodes off: what it carries is no
    /// patient's signal, so retraining must not learn from it; the recording has a gap there, as for a lost window.</summary>
    public void Post(PairedWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (_enabled && !window.Ecg.IsLeadOff(0))
        {
            _channel.Writer.TryWrite(new RecordingEntry(window, null, null));
        }
    }

    /// <summary>Records <paramref name="truth"/>; <paramref name="epoch"/> is the bed's stream epoch when the caller knows it.</summary>
    public void Post(TruthMessage truth, int? epoch = null)
    {
        if (_enabled)
        {
            _channel.Writer.TryWrite(new RecordingEntry(null, truth, epoch));
        }
    }
}
