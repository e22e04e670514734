using AtdMonitor.Integration.Tests.Support;
using AtdMonitor.TestSupport;

namespace AtdMonitor.Integration.Tests.Worker;

/// <summary>A bedside device: publishes a <see cref="SyntheticEcg"/> as ECG windows and their spectrograms (QoS 1),
/// window by window, riding out broker restarts by reconnecting and publishing again.</summary>
public sealed class BedPublisher : IAsyncDisposable
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(30);
    private readonly MqttTestClient _client;

    private BedPublisher(MqttTestClient client, string bed, SyntheticEcg ecg, DateTimeOffset start)
    {
        _client = client;
        Bed = bed;
        Ecg = ecg;
        Start = start;
    }

    public string Bed { get; }

    public SyntheticEcg Ecg { get; }

    /// <summary>Time of sample 0.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Publish attempts beyond the first (after a broker restart).</summary>
    public int Retries { get; private set; }

    public static async Task<BedPublisher> ConnectAsync(MosquittoServer broker, string bed, SyntheticEcg ecg, MqttCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var client = await MqttTestClient.ConnectAsync(broker.CreateClientOptions("device-" + bed, credentials).Build());
        return new BedPublisher(client, bed, ecg, DateTimeOffset.UtcNow.AddMinutes(-30));
    }

    /// <summary>Publishes windows [first, end): each ECG window, then its spectrogram.</summary>
    public async Task PublishAsync(long first, long end)
    {
        for (var sequence = first; sequence < end; sequence++)
        {
            foreach (var (topic, payload) in Ecg.WireMessages(Bed, sequence, Start))
            {
                Retries += await _client.PublishWithRetryAsync(topic, payload, PublishTimeout) - 1;
            }
        }
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
