using System.Threading.Channels;
using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>
/// Hands alert events from the pipeline threads to <see cref="AlertDispatchService"/>, which writes them to the sink
/// and publishes them on MQTT. Unbounded: alerts are rare and are never dropped.
/// </summary>
public sealed class AlertDispatcher
{
    private readonly Channel<AlertMessage> _channel = Channel.CreateUnbounded<AlertMessage>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<AlertMessage> Reader => _channel.Reader;

    public void Post(AlertMessage alert) => _channel.Writer.TryWrite(alert);

    public void Post(IEnumerable<AlertMessage> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        foreach (var alert in alerts)
        {
            Post(alert);
        }
    }
}
