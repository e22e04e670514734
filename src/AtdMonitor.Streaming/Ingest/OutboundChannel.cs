using System.Threading.Channels;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>Alerts and dead letters waiting to be published. Unbounded: an alert is never dropped, it waits for the broker.</summary>
public sealed class OutboundChannel
{
    private readonly Channel<OutboundMessage> _channel = Channel.CreateUnbounded<OutboundMessage>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<OutboundMessage> Reader => _channel.Reader;

    public int Count => _channel.Reader.Count;

    public void Enqueue(OutboundMessage message) => _channel.Writer.TryWrite(message);

    public void Complete() => _channel.Writer.TryComplete();
}
