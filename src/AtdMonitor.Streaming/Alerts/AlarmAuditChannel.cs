using System.Threading.Channels;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>Hands audited alarm commands to <see cref="AlarmAuditService"/>, which writes them to the store. Unbounded: commands are rare and never dropped.</summary>
public sealed class AlarmAuditChannel
{
    private readonly Channel<AlarmCommandAudit> _channel = Channel.CreateUnbounded<AlarmCommandAudit>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<AlarmCommandAudit> Reader => _channel.Reader;

    public void Post(AlarmCommandAudit audit) => _channel.Writer.TryWrite(audit);
}
