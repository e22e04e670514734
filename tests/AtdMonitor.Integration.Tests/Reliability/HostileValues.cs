using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.TestSupport;

namespace AtdMonitor.Integration.Tests.Reliability;

/// <summary>
/// Every numeric field of every message type at, just beyond and far beyond each of its limits, one field at a time on
/// an otherwise valid message. Unlike <see cref="Fuzz.HostileInputs"/>, many of these decode: the worker must bound
/// what they do, not only reject what it cannot read. Values the codec itself cannot write are left out.
/// </summary>
internal static class HostileValues
{
    public const string Bed = "hostile-values";

    public static IReadOnlyList<(string Topic, byte[] Payload)> Create(DateTimeOffset now)
    {
        var ecg = new EcgWindow(Bed, 10, now, 360, 2, EcgUnits.Millivolts, new SyntheticEcg(80, 1).WindowSamples(0));
        var image = new SpectrogramWindow(Bed, 10, now, 32, 40, new float[32 * 40]);
        var reading = new SensorReading(Bed, now, [new SensorValue("OT", 30)]);
        var messages = new List<(string, Func<byte[]>)>();

        foreach (var sequence in Sequences)
        {
            messages.Add((AtdTopics.Ecg(Bed), () => WireCodec.Encode(ecg with { Sequence = sequence })));
            messages.Add((AtdTopics.Spectrogram(Bed), () => WireCodec.Encode(image with { Sequence = sequence })));
        }

        foreach (var time in Times(now))
        {
            messages.Add((AtdTopics.Ecg(Bed), () => WireCodec.Encode(ecg with { FirstSampleTime = time })));
            messages.Add((AtdTopics.Spectrogram(Bed), () => WireCodec.Encode(image with { FirstSampleTime = time })));
            messages.Add((AtdTopics.Reading(Bed), () => WireCodec.Encode(reading with { Time = time })));
        }

        foreach (var rate in new[] { 0f, -1f, 49.99f, 50f, 361f, 10_000f, 10_000.01f, float.Epsilon, float.MaxValue, float.NaN, float.PositiveInfinity })
        {
            messages.Add((AtdTopics.Ecg(Bed), () => WireCodec.Encode(ecg with { SampleRate = rate })));
        }

        foreach (var (leads, perLead) in new[] { (1, 360), (12, 360), (13, 360), (2, 1), (2, 359), (2, 361), (2, 10_000), (2, 10_001) })
        {
            messages.Add((AtdTopics.Ecg(Bed), () => WireCodec.Encode(ecg with { Leads = leads, Samples = new float[leads * perLead] })));
        }

        foreach (var value in Floats)
        {
            messages.Add((AtdTopics.Ecg(Bed), () => WireCodec.Encode(ecg with { Samples = Filled(720, value) })));
            messages.Add((AtdTopics.Spectrogram(Bed), () => WireCodec.Encode(image with { Values = Filled(32 * 40, value) })));
            messages.Add((AtdTopics.Reading(Bed), () => WireCodec.Encode(reading with { Values = [new SensorValue("OT", value)] })));
        }

        foreach (var (rows, columns) in new[] { (1, 40), (31, 40), (33, 40), (32, 1), (32, 39), (32, 41), (512, 512), (513, 40), (32, 513) })
        {
            messages.Add((AtdTopics.Spectrogram(Bed), () => WireCodec.Encode(image with { Rows = rows, Columns = columns, Values = new float[rows * columns] })));
        }

        foreach (var count in new[] { 1, 64, 65, 1_000 })
        {
            messages.Add((AtdTopics.Reading(Bed), () => WireCodec.Encode(reading with { Values = Enumerable.Range(0, count).Select(i => new SensorValue($"v{i}", i)).ToList() })));
        }

        foreach (var sample in new[] { -1L, 0L, 1L << 53, long.MaxValue, long.MinValue })
        {
            messages.Add((AtdTopics.Truth(Bed), () => WireCodec.Encode(new TruthMessage(Bed, [new TruthAnnotation(sample, "N")]))));
        }

        var encoded = new List<(string, byte[])>();
        foreach (var (topic, encode) in messages)
        {
            try
            {
                encoded.Add((topic, encode()));
            }
            catch (Exception ex) when (ex is ArgumentException or OverflowException or InvalidOperationException)
            {
                // The codec refuses to write it: no device built on the protocol library can send it (the byte-level
                // fuzz corpus covers payloads written by hand).
            }
        }

        return encoded;
    }

    private static long[] Sequences { get; } = [-1, 0, 1, (1L << 40) - 1, 1L << 40, (1L << 40) + 1, 1_000_000_000_000, long.MaxValue / 360, long.MaxValue / 40, long.MaxValue, long.MinValue];

    private static float[] Floats { get; } = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, -float.MaxValue, 1e30f, float.Epsilon];

    private static IEnumerable<DateTimeOffset> Times(DateTimeOffset now) =>
    [
        DateTimeOffset.MinValue, new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero), new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero),
        now.AddDays(-1).AddSeconds(-1), now.AddDays(-1).AddSeconds(1), now.AddDays(1).AddSeconds(-1), now.AddDays(1).AddSeconds(1),
        new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2100, 1, 1, 0, 0, 1, TimeSpan.Zero), DateTimeOffset.MaxValue,
    ];

    private static float[] Filled(int length, float value)
    {
        var values = new float[length];
        Array.Fill(values, value);
        return values;
    }
}
