using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Tests.Support;

/// <summary>Small wire messages for tests.</summary>
internal static class Messages
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    public static EcgWindow Ecg(long sequence, string bed = "bed-1", Func<int, float>? lead0 = null)
    {
        var samples = new float[2 * 360];
        for (var i = 0; i < 360; i++)
        {
            samples[i] = lead0?.Invoke(i) ?? 0f;
        }

        return new EcgWindow(bed, sequence, Start.AddSeconds(sequence), 360, 2, EcgUnits.Millivolts, samples);
    }

    public static SpectrogramWindow Image(long sequence, string bed = "bed-1") =>
        new(bed, sequence, Start.AddSeconds(sequence), 32, 40, new float[32 * 40]);
}
