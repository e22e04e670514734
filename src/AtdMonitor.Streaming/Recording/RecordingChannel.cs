using System.Threading.Channels;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Pairing;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Recording;

/// <summary>
/// Windows and truth on their way to the Parquet recorder, in arrival order; does nothing while <c>Recording:Enabled</c>
/// is false. A window carries its bed's stream epoch (the worker's restart detection) and a truth message may be given
/// one; both are stored so that truth labels are never joined to the windows of another session of the bed
/// (<see cref="Data.Recordings.RecordingReader"/>).
/// </summary>
public sealed class RecordingChannel(IOptions<RecordingOptions> options)
{
    private readonly Channel<RecordingEntry> _channel = Channel.CreateUnbounded<RecordingEntry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly bool _enabled = options.Value.Enabled;

    public ChannelReader<RecordingEntry> Reader => _channel.Reader;

    public void Post(PairedWindow window)
    {
        if (_enabled)
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
