using System.Buffers.Binary;
using System.Text;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Protocol.Validation;

namespace AtdMonitor.Integration.Tests.Fuzz;

/// <summary>
/// A deterministic corpus of more than 10,000 inputs the worker must reject, each on a topic the worker subscribes to
/// (so each must come back as a dead letter): every truncation of real payloads, corrupted headers and fields,
/// non-finite numbers, absurd shapes, wrong message types, ids that are not ASCII or do not match the topic, alarm
/// commands truncated or with hostile fields, topic
/// tricks (path segments, wildcard look-alikes, line-protocol injection, very long ids), random bytes, text, and
/// oversized payloads. Built by patching bytes of payloads from <see cref="WireCodec"/>, so the offsets follow the
/// wire layout of docs/PROTOCOL.md.
/// </summary>
public static class HostileInputs
{
    /// <summary>The id the corpus's payloads carry (and the topics, where the topic is not the attack).</summary>
    public const string Bed = "fuzz-bed";

    private const int EcgFixedFields = 30; // sequence 8, time 8, rate 4, leads, units, format, leads off, samples/lead 2, scale 4
    private static readonly int IdEnd = WireCodec.HeaderLength + Bed.Length;
    private static readonly DateTimeOffset Time = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<HostileInput> Create(int seed = 20261126)
    {
        var random = new Random(seed);
        var inputs = new List<HostileInput>();
        var ecg = WireCodec.Encode(ValidEcg());
        var ecg16 = WireCodec.Encode(ValidEcg(), EcgSampleFormat.Scaled16Bit);
        var image = WireCodec.Encode(ValidSpectrogram());
        var reading = WireCodec.Encode(new SensorReading(Bed, Time, [new SensorValue("OT", 30.5f), new SensorValue("HUFL", 5.8f)]));
        var truth = WireCodec.Encode(new TruthMessage(Bed, [new TruthAnnotation(100, "N"), new TruthAnnotation(400, "V")]));
        var valid = new (string Topic, byte[] Payload)[]
        {
            (AtdTopics.Ecg(Bed), ecg), (AtdTopics.Ecg(Bed), ecg16), (AtdTopics.Spectrogram(Bed), image),
            (AtdTopics.Reading(Bed), reading), (AtdTopics.Truth(Bed), truth),
        };

        // Every prefix of a real ECG window (the reader must name the field it ran out in), sparser for the others.
        for (var length = 0; length < ecg.Length; length++)
        {
            inputs.Add(new(AtdTopics.Ecg(Bed), ecg[..length], "truncated"));
        }

        foreach (var (topic, payload) in valid.Skip(1))
        {
            for (var length = 0; length < payload.Length; length += length < 64 ? 1 : 13)
            {
                inputs.Add(new(topic, payload[..length], "truncated"));
            }
        }

        // Trailing bytes: a producer with another layout.
        foreach (var (topic, payload) in valid)
        {
            for (var extra = 1; extra <= 48; extra++)
            {
                inputs.Add(new(topic, [.. payload, .. RandomBytes(random, extra)], "trailing bytes"));
            }
        }

        // The header: magic, version, message type.
        for (var position = 0; position < 3; position++)
        {
            foreach (var value in new byte[] { 0, (byte)'a', (byte)'{', 0xFF })
            {
                inputs.Add(new(AtdTopics.Ecg(Bed), Patched(ecg, position, value), "bad magic"));
            }
        }

        for (var version = 0; version < 256; version++)
        {
            if (version != WireCodec.Version)
            {
                inputs.Add(new(AtdTopics.Ecg(Bed), Patched(ecg, 3, (byte)version), "unknown version"));
            }
        }

        for (var type = 5; type < 256; type++)
        {
            inputs.Add(new(AtdTopics.Ecg(Bed), Patched(ecg, 4, (byte)type), "unknown message type"));
        }

        inputs.Add(new(AtdTopics.Ecg(Bed), Patched(ecg, 4, 0), "unknown message type"));

        // Ids that are not printable ASCII (invalid UTF-8 and control characters included) or that lie about the topic.
        for (var b = 0; b < 256; b++)
        {
            if (b is < 0x20 or > 0x7E)
            {
                inputs.Add(new(AtdTopics.Ecg(Bed), Patched(ecg, WireCodec.HeaderLength, (byte)b), "id not ascii"));
            }
        }

        foreach (var other in new[] { "fuzz-bee", "FUZZ-BED", "fuzz-be", "fuzz-bed-", "bed-1", "b" })
        {
            inputs.Add(new(AtdTopics.Ecg(Bed), WireCodec.Encode(ValidEcg(other)), "id does not match topic"));
            inputs.Add(new(AtdTopics.Spectrogram(Bed), WireCodec.Encode(ValidSpectrogram(other)), "id does not match topic"));
        }

        inputs.Add(new(AtdTopics.Ecg(Bed), Patched(ecg, WireCodec.HeaderLength - 1, 200), "id length beyond payload"));
        inputs.Add(new(AtdTopics.Ecg(Bed), Patched(ecg, WireCodec.HeaderLength - 1, 0), "empty id"));

        // A message of the wrong kind for its topic.
        foreach (var (topic, _) in valid)
        {
            foreach (var (otherTopic, payload) in valid)
            {
                if (topic.Split('/')[3] != otherTopic.Split('/')[3])
                {
                    inputs.Add(new(topic, payload, "wrong message type for topic"));
                }
            }
        }

        // ECG fields.
        var ecgFields = IdEnd;
        inputs.Add(new(AtdTopics.Ecg(Bed), PatchedInt64(ecg, ecgFields, -1), "negative sequence"));
        inputs.Add(new(AtdTopics.Ecg(Bed), PatchedInt64(ecg, ecgFields, long.MinValue), "negative sequence"));
        foreach (var time in new[] { -1L, long.MinValue, long.MaxValue, 300_000_000_000_000_000L })
        {
            inputs.Add(new(AtdTopics.Ecg(Bed), PatchedInt64(ecg, ecgFields + 8, time), "time out of range"));
        }

        foreach (var rate in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -360f, 49f, 10_001f, 1e30f, float.Epsilon })
        {
            inputs.Add(new(AtdTopics.Ecg(Bed), PatchedSingle(ecg, ecgFields + 16, rate), "sample rate out of range"));
        }

        for (var leads = 13; leads < 256; leads++)
        {
            inputs.Add(new(AtdTopics.Ecg(Bed), Patched(ecg, ecgFields + 20, (byte)leads), "huge dimensions"));
        }

        inputs.Add(new(AtdTopics.Ecg(Bed), Patched(ecg, ecgFields + 20, 0), "zero leads"));
        for (var units = 2; units < 256; units++)
        {
            inputs.Add(new(AtdTopics.Ecg(Bed), Patched(ecg, ecgFields + 21, (byte)units), "unknown units"));
        }

        for (var format = 2; format < 256; format++)
        {
            inputs.Add(new(AtdTopics.Ecg(Bed), Patched(ecg, ecgFields + 22, (byte)format), "unknown sample format"));
        }

        foreach (var samplesPerLead in new ushort[] { 0, 361, 10_001, 32_768, ushort.MaxValue })
        {
            inputs.Add(new(AtdTopics.Ecg(Bed), PatchedUInt16(ecg, ecgFields + 24, samplesPerLead), "huge dimensions"));
        }

        foreach (var scale in new[] { float.NaN, float.PositiveInfinity, 0f, -1f })
        {
            inputs.Add(new(AtdTopics.Ecg(Bed), PatchedSingle(ecg16, ecgFields + 26, scale), "bad int16 scale"));
        }

        var ecgSamples = ecgFields + EcgFixedFields;
        foreach (var bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            for (var i = 0; i < 720; i += 3)
            {
                inputs.Add(new(AtdTopics.Ecg(Bed), PatchedSingle(ecg, ecgSamples + (4 * i), bad), "non-finite sample"));
            }
        }

        // Spectrogram fields.
        var imageFields = IdEnd;
        inputs.Add(new(AtdTopics.Spectrogram(Bed), PatchedInt64(image, imageFields, -5), "negative sequence"));
        foreach (var (rows, columns) in new (ushort, ushort)[] { (0, 40), (32, 0), (513, 40), (32, 513), (ushort.MaxValue, ushort.MaxValue), (1, 1), (512, 512) })
        {
            inputs.Add(new(AtdTopics.Spectrogram(Bed), PatchedUInt16(PatchedUInt16(image, imageFields + 16, rows), imageFields + 18, columns), "huge dimensions"));
        }

        foreach (var bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            for (var i = 0; i < 1280; i += 5)
            {
                inputs.Add(new(AtdTopics.Spectrogram(Bed), PatchedSingle(image, imageFields + 20 + (4 * i), bad), "non-finite image value"));
            }
        }

        // Readings and truth with bad values.
        inputs.Add(new(AtdTopics.Reading(Bed), WireCodec.Encode(new SensorReading(Bed, Time, [])), "reading without values"));
        inputs.Add(new(AtdTopics.Reading(Bed), WireCodec.Encode(new SensorReading(Bed, Time, [new("OT", 1), new("OT", 2)])), "duplicate value name"));
        inputs.Add(new(AtdTopics.Reading(Bed), WireCodec.Encode(new SensorReading(Bed, Time, Enumerable.Range(0, 65).Select(i => new SensorValue($"v{i}", i)).ToList())), "huge dimensions"));
        foreach (var bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            inputs.Add(new(AtdTopics.Reading(Bed), WireCodec.Encode(new SensorReading(Bed, Time, [new("OT", bad)])), "non-finite reading"));
        }

        foreach (var name in new[] { "O T", "OT,evil=1", "OT=1", "a/b", "\"quoted\"", new string('x', 65) })
        {
            inputs.Add(new(AtdTopics.Reading(Bed), WireCodec.Encode(new SensorReading(Bed, Time, [new(name, 1)])), "injection in value name"));
        }

        inputs.Add(new(AtdTopics.Truth(Bed), WireCodec.Encode(new TruthMessage(Bed, [])), "truth without annotations"));
        inputs.Add(new(AtdTopics.Truth(Bed), WireCodec.Encode(new TruthMessage(Bed, [new(-1, "N")])), "negative annotation sample"));
        inputs.Add(new(AtdTopics.Truth(Bed), WireCodec.Encode(new TruthMessage(Bed, [new(5, "")])), "empty annotation symbol"));

        // Topic tricks on a valid payload: only the topic is wrong.
        var trickIds = new List<string>
        {
            "..", ".", "...", "bed,evil=1 x=1", "bed evil=1", "bed\\,evil=1", "bed=1", "bed\"", "bed'", "bed;drop",
            "b\u00e9d", "\u0431\u0435\u0434", "bed\u200b", "bed\ud83d\udc93", "bed%2F", "bed$", "bed*", "bed?", " bed", "bed ",
            "$SYS", "deadletter", new string('b', 65), new string('b', 256), new string('b', 4096), new string('\u00e9', 100),
        };
        trickIds.AddRange(Enumerable.Range(0, 40).Select(i => new string('x', 65 + (i * 37))));
        foreach (var id in trickIds)
        {
            foreach (var leaf in new[] { "ecg", "spectrogram", "reading", "truth", "command" })
            {
                inputs.Add(new($"{AtdTopics.Prefix}/{id}/{leaf}", leaf == "ecg" ? ecg : image, "topic trick"));
            }
        }

        // Not our format at all.
        foreach (var text in new[] { "{\"bed\":\"fuzz-bed\",\"samples\":[1,2,3]}", "null", "[]", "hello", "ATD", "ATD\u0001", "<xml/>", "beat,bed=x p_0=1 0" })
        {
            foreach (var leaf in new[] { "ecg", "spectrogram", "reading", "truth", "command" })
            {
                inputs.Add(new($"{AtdTopics.Prefix}/{Bed}/{leaf}", Encoding.UTF8.GetBytes(text), "text payload"));
            }
        }

        foreach (var leaf in new[] { "ecg", "spectrogram", "reading", "truth", "command" })
        {
            inputs.Add(new($"{AtdTopics.Prefix}/{Bed}/{leaf}", [0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC], "invalid utf-8"));
        }

        // Alarm commands (JSON): every truncation of a valid one, hostile fields, binary payloads (topic tricks and text above).
        var command = JsonWireCodec.Encode(new AlarmCommand(Bed, AlarmAction.Silence, "asystole", TimeSpan.FromMinutes(1), "rn-7", Time));
        for (var length = 0; length < command.Length; length++)
        {
            inputs.Add(new(AtdTopics.Command(Bed), command[..length], "truncated command"));
        }

        (string Name, string Value)[] hostileFields =
        [
            ("action", "\"reset\""), ("action", "\"ACKNOWLEDGE\""), ("action", "null"), ("action", "1"), ("alarm", "\"a b\""),
            ("alarm", "\"asystole,evil=1\""), ("alarm", "\"\""), ("alarm", """{"type":"asystole"}"""), ("operator", "\"rn,evil=1 x=1\""),
            ("operator", "\"rn\\\\\""), ("operator", "\"\""), ("operator", """["rn"]"""), ("bed", "\"other-bed\""), ("bed", "\"fuzz-bed\\u0000\""),
            ("silence_for", "\"-00:01:00\""), ("silence_for", "\"1.00:00:00\""), ("silence_for", "\"00:00:00\""), ("silence_for", "60"),
            ("issued_at", "\"now\""), ("issued_at", "1764417600"), ("extra", "true"),
        ];
        foreach (var (name, value) in hostileFields)
        {
            inputs.Add(new(AtdTopics.Command(Bed), Encoding.UTF8.GetBytes(CommandWith(name, value)), "hostile command field"));
        }

        inputs.Add(new(AtdTopics.Command(Bed), [.. command, .. new byte[ProtocolLimits.Default.MaxCommandBytes]], "oversized command"));
        inputs.Add(new(AtdTopics.Command(Bed), ecg, "binary payload on the command topic"));
        inputs.Add(new(AtdTopics.Ecg(Bed), command, "command on an input topic"));

        // Random bytes (never starting with the magic).
        while (inputs.Count < 10_400)
        {
            var garbage = RandomBytes(random, random.Next(1, 2048));
            garbage[0] = garbage[0] == (byte)'A' ? (byte)'B' : garbage[0];
            inputs.Add(new(AtdTopics.Ecg(Bed), garbage, "random bytes"));
        }

        // Oversized: over the protocol's 512 KiB limit.
        var limit = ProtocolLimits.Default.MaxPayloadBytes;
        inputs.Add(new(AtdTopics.Ecg(Bed), [.. ecg, .. new byte[limit]], "oversized"));
        inputs.Add(new(AtdTopics.Spectrogram(Bed), new byte[limit + 1], "oversized"));
        inputs.Add(new(AtdTopics.Ecg(Bed), RandomBytes(random, 2 * limit), "oversized"));
        return inputs;
    }

    /// <summary>Topics MQTT itself forbids in a PUBLISH (wildcards, NUL, control characters): the client library or the
    /// broker refuses them and drops the sender, so they never reach the worker.</summary>
    public static IReadOnlyList<string> TopicsTheBrokerRefuses { get; } =
        ["atd/v1/+/ecg", "atd/v1/#", "atd/v1/bed/#", "atd/v1/bed\u0000/ecg", "atd/v1/bed\u0001/ecg", "atd/v1/bed\t/ecg", "atd/v1/bed\n/ecg"];

    /// <summary>A valid ECG window of the corpus's bed (2 leads × 360 samples), for traffic sent in between.</summary>
    public static EcgWindow ValidEcg(string bed = Bed, long sequence = 0) =>
        new(bed, sequence, Time.AddSeconds(sequence), 360, 2, EcgUnits.Millivolts,
            Enumerable.Range(0, 720).Select(i => MathF.Sin(i * 0.05f)).ToArray());

    public static SpectrogramWindow ValidSpectrogram(string bed = Bed, long sequence = 0) =>
        new(bed, sequence, Time.AddSeconds(sequence), 32, 40, Enumerable.Range(0, 1280).Select(i => (i % 32) / 32f).ToArray());

    /// <summary>A silence command of the corpus's bed as JSON text, with field <paramref name="name"/> set (or added) to the raw JSON <paramref name="value"/>.</summary>
    private static string CommandWith(string name, string value)
    {
        var fields = new Dictionary<string, string>
        {
            ["bed"] = $"\"{Bed}\"", ["action"] = "\"silence\"", ["alarm"] = "\"asystole\"", ["silence_for"] = "\"00:01:00\"",
            ["operator"] = "\"rn-7\"", ["issued_at"] = "\"2026-11-26T12:00:00Z\"",
        };
        fields[name] = value;
        return "{" + string.Join(",", fields.Select(field => $"\"{field.Key}\":{field.Value}")) + "}";
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Patched(byte[] payload, int offset, byte value)
    {
        var copy = (byte[])payload.Clone();
        copy[offset] = value;
        return copy;
    }

    private static byte[] PatchedInt64(byte[] payload, int offset, long value)
    {
        var copy = (byte[])payload.Clone();
        BinaryPrimitives.WriteInt64LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    private static byte[] PatchedUInt16(byte[] payload, int offset, ushort value)
    {
        var copy = (byte[])payload.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    private static byte[] PatchedSingle(byte[] payload, int offset, float value)
    {
        var copy = (byte[])payload.Clone();
        BinaryPrimitives.WriteSingleLittleEndian(copy.AsSpan(offset), value);
        return copy;
    }
}
