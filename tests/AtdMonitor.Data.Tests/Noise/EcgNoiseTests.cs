using AtdMonitor.Data.Noise;

namespace AtdMonitor.Data.Tests.Noise;

public sealed class EcgNoiseTests
{
    private const double SampleRate = 360;

    [Theory]
    [InlineData(24)]
    [InlineData(12)]
    [InlineData(0)]
    public void Noise_at_an_SNR_has_the_power_the_SNR_asks_for_against_the_QRS_amplitude(double snrDb)
    {
        var clean = Spikes(minutes: 2);
        var noisy = (float[])clean.Clone();

        EcgNoise.AtSnr(snrDb, seed: 1).AddTo(noisy, SampleRate, "100", 0);

        // A 1 mV spike per second: signal power (peak-to-peak)² / 8 = 0.125 mV².
        var noisePower = clean.Zip(noisy, (c, n) => (double)(n - c)).Select(d => d * d).Average()
            - Math.Pow(clean.Zip(noisy, (c, n) => (double)(n - c)).Average(), 2);
        Assert.Equal(snrDb, 10 * Math.Log10(0.125 / noisePower), 0.5);
    }

    [Fact]
    public void The_same_seed_record_and_lead_give_the_same_noise_and_another_lead_another()
    {
        var first = Spikes(minutes: 1);
        var again = Spikes(minutes: 1);
        var otherLead = Spikes(minutes: 1);
        var noise = EcgNoise.Augmentation(seed: 3);

        noise.AddTo(first, SampleRate, "201", 0);
        noise.AddTo(again, SampleRate, "201", 0);
        noise.AddTo(otherLead, SampleRate, "201", 1);

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherLead);
    }

    [Fact]
    public void An_empty_SNR_range_is_refused() =>
        Assert.Throws<ArgumentException>(() => new EcgNoise(12, 6, 1).AddTo(new float[10], SampleRate, "100", 0));

    /// <summary>A 1 mV, 30 ms spike every second on a flat line.</summary>
    private static float[] Spikes(double minutes)
    {
        var signal = new float[(int)(minutes * 60 * SampleRate)];
        for (var i = 0; i < signal.Length; i++)
        {
            var phase = i % (int)SampleRate;
            signal[i] = phase < 11 ? 1f : 0f;
        }

        return signal;
    }
}
