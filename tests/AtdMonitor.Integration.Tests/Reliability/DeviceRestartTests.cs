using AtdMonitor.Integration.Tests.Fixtures;
using AtdMonitor.Integration.Tests.Support;
using AtdMonitor.Integration.Tests.Worker;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.TestSupport;

namespace AtdMonitor.Integration.Tests.Reliability;

/// <summary>The sequence policy through the real broker: a jump ahead is a gap, a restart from 0 is a new epoch.</summary>
[Collection(SharedServers.Name)]
public sealed class DeviceRestartTests(SecureMosquittoFixture mosquitto, VictoriaMetricsFixture victoria)
{
    private const string Bed = "rebooting-bed";

    [Fact]
    public async Task A_device_that_jumps_far_ahead_and_then_reboots_to_zero_is_monitored_again_within_a_few_windows()
    {
        await using var worker = await new WorkerSettings(mosquitto.Server, victoria.Server, "reboot-worker") { Credentials = mosquitto.Worker }.StartWorkerAsync();
        await using var device = await MqttTestClient.ConnectAsync(mosquitto.Server.CreateClientOptions("device-" + Bed, mosquitto.Device).Build());
        var ecg = new SyntheticEcg(75, seconds: 60);
        var start = DateTimeOffset.UtcNow.AddMinutes(-5);

        // 20 s of one numbering, 10 s numbered a million ahead, then 30 s after a reboot numbered from 0 again.
        for (var second = 0; second < 60; second++)
        {
            long sequence = second switch { < 20 => second, < 30 => 1_000_000 + second, _ => second - 30 };
            var time = start.AddSeconds(second);
            await device.PublishAsync(AtdTopics.Ecg(Bed), WireCodec.Encode(new EcgWindow(Bed, sequence, time, 360, 2, EcgUnits.Millivolts, ecg.WindowSamples(second))));
            await device.PublishAsync(AtdTopics.Spectrogram(Bed), WireCodec.Encode(new SpectrogramWindow(Bed, sequence, time, 32, 40, ecg.WindowSpectrogram(second))));
        }

        // The beats of the rebooted stream, by time: once its detector has warmed up, exactly those of a fresh start there.
        var (from, to) = (start.AddSeconds(36).ToUnixTimeMilliseconds(), start.AddSeconds(57).ToUnixTimeMilliseconds());
        var expected = ecg.ExpectedBeats(30, 59).Select(sample => start.AddSeconds(sample / (double)SyntheticEcg.SampleRate).ToUnixTimeMilliseconds())
            .Where(time => time >= from && time < to).ToList();
        var stored = await Eventually.Until(
            async () => (await victoria.Server.ExportAsync($"beat_sample{{bed=\"{Bed}\"}}")).SelectMany(s => s.TimestampsMs).Where(t => t >= from && t < to).Order().ToList(),
            times => times.Count >= expected.Count,
            TimeSpan.FromSeconds(60),
            $"{expected.Count} beats after the reboot");
        Assert.Equal(expected, stored);
        var health = worker.Health;
        Assert.Equal(1, health.Restarts);
        Assert.Equal(0, health.Late);
    }
}
