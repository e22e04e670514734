using System.Threading.Channels;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Pairing;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Recording;

/// <summary>Windows and truth on their way to the Parquet recorder; does nothing while <c>Recording:Enabled</c> is false.</summary>
public sealed class RecordingChannel(IOptions<RecordingOptions> options)
{
    private readonly Channel<RecordingEntry> _channel = Channel.CreateUnbounded<RecordingEntry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly bool _enabled = options.Value.Enabled;

    public ChannelReader<RecordingEntry> Reader => _channel.Reader;

    public void Post(PairedWindow window)
    {
        if (_enabled)
        {
            _channel.Writer.TryWrite(new RecordingEntry(window, null));
        }
    }

    public void Post(TruthMessage truth)
    {
        if (_enabled)
        {
            _channel.Writer.TryWrite(new RecordingEntry(null, truth));
        }
    }
}
