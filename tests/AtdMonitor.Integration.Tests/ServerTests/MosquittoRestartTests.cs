using System.Text;
using AtdMonitor.Integration.Tests.Support;
using AtdMonitor.TestSupport;
using MQTTnet;

namespace AtdMonitor.Integration.Tests.ServerTests;

/// <summary>The broker fixture survives what the fault tests do to it: stop, start, crash.</summary>
public sealed class MosquittoRestartTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_persistent_session_gets_the_QoS_1_messages_queued_before_the_broker_restarted()
    {
        await using var broker = await MosquittoServer.StartAsync();
        var sessionOptions = broker.CreateClientOptions("persistent-subscriber")
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .Build();
        await using (var subscriber = await MqttTestClient.ConnectAsync(sessionOptions))
        {
            await subscriber.SubscribeAsync("atd/v1/restart/ecg");
        }

        await using (var publisher = await MqttTestClient.ConnectAsync(broker.CreateClientOptions("publisher").Build()))
        {
            for (var i = 0; i < 50; i++)
            {
                await publisher.PublishAsync("atd/v1/restart/ecg", Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        await broker.RestartAsync();

        await using var resumed = await MqttTestClient.ConnectAsync(sessionOptions);
        await Eventually.Until(() => resumed.Received.Count >= 50, Timeout, "the 50 queued messages");
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), resumed.Received.Select(m => m.PayloadText));
    }

    [Fact]
    public async Task The_broker_comes_back_on_the_same_port_after_a_crash()
    {
        await using var broker = await MosquittoServer.StartAsync();
        var port = broker.Port;

        broker.Kill();
        Assert.False(broker.IsRunning);
        await broker.StartAgainAsync();

        Assert.Equal(port, broker.Port);
        await using var client = await MqttTestClient.ConnectAsync(broker.CreateClientOptions("after-crash").Build());
        Assert.True(client.IsConnected);
    }
}
