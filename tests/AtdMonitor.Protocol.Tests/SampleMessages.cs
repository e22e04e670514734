using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Protocol.Tests;

/// <summary>Small valid messages the tests start from.</summary>
internal static class SampleMessages
{
    public static readonly DateTimeOffset Time = new(2026, 11, 26, 8, 30, 0, 123, TimeSpan.Zero);

    public static EcgWindow Ecg(string bed = "bed-01", long sequence = 7)
    {
        var samples = new float[2 * 360];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = MathF.Sin(i * 0.05f) * 1.5f;
        }

        return new EcgWindow(bed, sequence, Time, 360, 2, EcgUnits.Millivolts, samples);
    }

    public static SpectrogramWindow Spectrogram(string bed = "bed-01", long sequence = 7)
    {
        var values = Enumerable.Range(0, 32 * 40).Select(i => i * 0.01f).ToArray();
        return new SpectrogramWindow(bed, sequence, Time, 32, 40, values);
    }

    public static SensorReading Reading(string sensor = "ett_1") =>
        new(sensor, Time, [new SensorValue("HUFL", 5.8f), new SensorValue("OT", 30.5f)]);

    public static TruthMessage Truth(string bed = "bed-01") =>
        new(bed, [new TruthAnnotation(77, "N"), new TruthAnnotation(370, "V")]);
}
