using AtdMonitor.Streaming.Sink;
using AtdMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace AtdMonitor.Streaming.Tests.Support;

/// <summary>The <see cref="InProcessWorker"/> of these tests: a random checkpoint, a Moq sink instead of a store, and the
/// configuration keys they all start from.</summary>
internal static class TestWorkers
{
    /// <summary>The keys every worker here starts from. The test messages are stamped at a fixed date, so the clock window
    /// (tested on its own) is opened wide; no metrics port, as workers of parallel tests would contend for it.</summary>
    public static Dictionary<string, string?> Settings(string checkpoint) => new()
    {
        ["Metrics:Port"] = "0",
        ["Inference:BeatCheckpoint"] = checkpoint,
        ["Pipeline:PairingTimeout"] = "00:00:00.500",
        ["Pipeline:MaxClockSkew"] = "3650.00:00:00",
    };

    /// <summary>A worker (built, not started) that connects to a broker on loopback at <paramref name="brokerPort"/>;
    /// <paramref name="settings"/> win over the defaults.</summary>
    public static InProcessWorker OnBroker(int brokerPort, string checkpoint, IDictionary<string, string?> settings)
    {
        var configuration = Settings(checkpoint);
        configuration["Mqtt:Host"] = "127.0.0.1";
        configuration["Mqtt:Port"] = brokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        configuration["Mqtt:ReconnectMinDelay"] = "00:00:00.050";
        configuration["Mqtt:ReconnectMaxDelay"] = "00:00:00.200";
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        return Create(configuration, new Mock<IMeasurementSink>());
    }

    /// <summary>A worker (built, not started) that writes to <paramref name="sink"/>.</summary>
    public static InProcessWorker Create(IEnumerable<KeyValuePair<string, string?>> configuration, Mock<IMeasurementSink> sink) =>
        InProcessWorker.Create(configuration, services => services.AddSingleton(sink.Object));
}
