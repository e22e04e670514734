using System.Text;

namespace AtdMonitor.Integration.Tests.Support;

/// <summary>One message a <see cref="MqttTestClient"/> received.</summary>
public sealed record ReceivedMessage(string Topic, byte[] Payload)
{
    public string PayloadText => Encoding.UTF8.GetString(Payload);
}
