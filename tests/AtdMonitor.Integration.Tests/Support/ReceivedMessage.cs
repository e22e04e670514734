using System.Text;

namespace AtdMonitor.Integration.Tests.Support;

/// <summary>One message a <see cref="MqttTestClient"/> received; <paramref name="Duplicate"/> is the DUP flag (the broker
/// delivered it before, to this session, without an acknowledgement).</summary>
public sealed record ReceivedMessage(string Topic, byte[] Payload, bool Duplicate = false)
{
    public string PayloadText => Encoding.UTF8.GetString(Payload);
}
