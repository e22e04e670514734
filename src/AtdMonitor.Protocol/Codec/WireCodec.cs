using System.Diagnostics.CodeAnalysis;
using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Protocol.Codec;

/// <summary>
/// The binary encoding of wire version 1 (layout in docs/PROTOCOL.md): a 6-byte header
/// ("ATD", version, type, id length), the id, then the type's fixed fields and its little-endian arrays.
/// The codec checks the layout only; <see cref="Validation.WireValidator"/> checks the values.
/// </summary>
public static class WireCodec
{
    /// <summary>The magic bytes "ATD" that start every payload.</summary>
    public static ReadOnlySpan<byte> Magic => "ATD"u8;

    /// <summary>The layout version this codec writes and reads.</summary>
    public const byte Version = 1;

    /// <summary>Bytes before the id: magic (3), version (1), type (1), id length (1).</summary>
    public const int HeaderLength = 6;

    private static readonly long MaxMicroseconds = (DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks / 10;

    public static byte[] Encode(EcgWindow window, EcgSampleFormat format = EcgSampleFormat.FloatingPoint)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Leads is < 1 or > byte.MaxValue || window.Samples.Length % window.Leads != 0 || window.SamplesPerLead > ushort.MaxValue)
        {
            throw new ArgumentException($"ECG window of bed {window.Bed}: {window.Samples.Length} samples do not split into {window.Leads} leads of at most {ushort.MaxValue}.", nameof(window));
        }

        var sampleBytes = format == EcgSampleFormat.Scaled16Bit ? 2 : 4;
        var writer = StartPayload(MessageType.Ecg, window.Bed, 32 + (window.Samples.Length * sampleBytes));
        writer.WriteInt64(window.Sequence);
        writer.WriteInt64(ToMicroseconds(window.FirstSampleTime));
        writer.WriteSingle(window.SampleRate);
        writer.WriteByte((byte)window.Leads);
        writer.WriteByte((byte)window.Units);
        writer.WriteByte((byte)format);
        writer.WriteByte(window.LeadsOff);
        writer.WriteUInt16((ushort)window.SamplesPerLead);
        switch (format)
        {
            case EcgSampleFormat.FloatingPoint:
                writer.WriteSingle(1f);
                foreach (var sample in window.Samples)
                {
                    writer.WriteSingle(sample);
                }

                break;
            case EcgSampleFormat.Scaled16Bit:
                var peak = 0f;
                foreach (var sample in window.Samples)
                {
                    peak = Math.Max(peak, Math.Abs(sample));
                }

                var scale = peak > 0 ? peak / short.MaxValue : 1f;
                writer.WriteSingle(scale);
                foreach (var sample in window.Samples)
                {
                    writer.WriteInt16((short)Math.Clamp(MathF.Round(sample / scale), short.MinValue, short.MaxValue));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown ECG sample format.");
        }

        return writer.ToArray();
    }

    public static byte[] Encode(SpectrogramWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Rows is < 1 or > ushort.MaxValue || window.Columns is < 1 or > ushort.MaxValue || window.Values.Length != window.Rows * window.Columns)
        {
            throw new ArgumentException($"Spectrogram of bed {window.Bed}: {window.Values.Length} values do not match {window.Rows} x {window.Columns}.", nameof(window));
        }

        var writer = StartPayload(MessageType.Spectrogram, window.Bed, 20 + (window.Values.Length * 4));
        writer.WriteInt64(window.Sequence);
        writer.WriteInt64(ToMicroseconds(window.FirstSampleTime));
        writer.WriteUInt16((ushort)window.Rows);
        writer.WriteUInt16((ushort)window.Columns);
        foreach (var value in window.Values)
        {
            writer.WriteSingle(value);
        }

        return writer.ToArray();
    }

    public static byte[] Encode(SensorReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (reading.Values.Count > byte.MaxValue)
        {
            throw new ArgumentException($"Reading of sensor {reading.Sensor}: at most {byte.MaxValue} values.", nameof(reading));
        }

        var writer = StartPayload(MessageType.Reading, reading.Sensor, 16 + (reading.Values.Count * 16));
        writer.WriteInt64(ToMicroseconds(reading.Time));
        writer.WriteByte((byte)reading.Values.Count);
        foreach (var value in reading.Values)
        {
            writer.WriteShortAscii(value.Name, "value name");
            writer.WriteSingle(value.Value);
        }

        return writer.ToArray();
    }

    public static byte[] Encode(TruthMessage truth)
    {
        ArgumentNullException.ThrowIfNull(truth);
        if (truth.Annotations.Count > ushort.MaxValue)
        {
            throw new ArgumentException($"Truth of bed {truth.Bed}: at most {ushort.MaxValue} annotations a message.", nameof(truth));
        }

        var writer = StartPayload(MessageType.Truth, truth.Bed, 16 + (truth.Annotations.Count * 12));
        writer.WriteUInt16((ushort)truth.Annotations.Count);
        foreach (var annotation in truth.Annotations)
        {
            writer.WriteInt64(annotation.Sample);
            writer.WriteShortAscii(annotation.Symbol, "annotation symbol");
        }

        return writer.ToArray();
    }

    /// <summary>Decodes a payload; <see cref="WireFormatException"/> says which field at which offset is wrong.</summary>
    public static WireMessage Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        if (payload.Length < HeaderLength || !payload[..3].SequenceEqual(Magic))
        {
            throw new WireFormatException("not an AtdMonitor payload: it does not start with the magic bytes \"ATD\".");
        }

        reader.ReadByte("magic");
        reader.ReadByte("magic");
        reader.ReadByte("magic");
        var version = reader.ReadByte("version");
        if (version != Version)
        {
            throw new WireFormatException($"unsupported layout version {version} at offset 3 (this worker reads version {Version}).");
        }

        var type = reader.ReadByte("message type");
        var id = reader.ReadShortAscii("id");
        WireMessage message = (MessageType)type switch
        {
            MessageType.Ecg => ReadEcg(ref reader, id),
            MessageType.Spectrogram => ReadSpectrogram(ref reader, id),
            MessageType.Reading => ReadReading(ref reader, id),
            MessageType.Truth => ReadTruth(ref reader, id),
            _ => throw new WireFormatException($"unknown message type {type} at offset 4 (1 ecg, 2 spectrogram, 3 reading, 4 truth)."),
        };
        reader.ExpectEnd(message.GetType().Name);
        return message;
    }

    /// <summary>Decodes a payload, or says why not.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out WireMessage? message, [NotNullWhen(false)] out string? reason)
    {
        try
        {
            message = Decode(payload);
            reason = null;
            return true;
        }
        catch (WireFormatException ex)
        {
            message = null;
            reason = ex.Message;
            return false;
        }
    }

    private static PayloadWriter StartPayload(MessageType type, string id, int capacity)
    {
        var writer = new PayloadWriter(HeaderLength + id.Length + capacity);
        foreach (var b in Magic)
        {
            writer.WriteByte(b);
        }

        writer.WriteByte(Version);
        writer.WriteByte((byte)type);
        writer.WriteShortAscii(id, "id");
        return writer;
    }

    private static EcgWindow ReadEcg(ref PayloadReader reader, string bed)
    {
        var sequence = reader.ReadInt64("sequence");
        var time = ReadTime(ref reader);
        var sampleRate = reader.ReadSingle("sample rate");
        var leads = reader.ReadByte("lead count");
        var units = reader.ReadByte("units");
        var format = reader.ReadByte("sample format");
        var leadsOff = reader.ReadByte("leads off");
        var samplesPerLead = reader.ReadUInt16("samples per lead");
        var scale = reader.ReadSingle("scale");
        if (!Enum.IsDefined((EcgUnits)units))
        {
            throw new WireFormatException($"unknown ECG units {units} (0 mV, 1 µV).");
        }

        reader.EnsureAvailable((long)leads * samplesPerLead * (format == (byte)EcgSampleFormat.Scaled16Bit ? 2 : 4), "samples");
        var samples = new float[leads * samplesPerLead];
        switch ((EcgSampleFormat)format)
        {
            case EcgSampleFormat.FloatingPoint:
                reader.ReadSingles(samples, "samples");
                break;
            case EcgSampleFormat.Scaled16Bit:
                if (!float.IsFinite(scale) || scale <= 0)
                {
                    throw new WireFormatException($"int16 scale {scale} must be a finite positive number.");
                }

                reader.ReadInt16sScaled(samples, scale, "samples");
                break;
            default:
                throw new WireFormatException($"unknown ECG sample format {format} (0 float32, 1 int16).");
        }

        return new EcgWindow(bed, sequence, time, sampleRate, leads, (EcgUnits)units, samples, leadsOff);
    }

    private static SpectrogramWindow ReadSpectrogram(ref PayloadReader reader, string bed)
    {
        var sequence = reader.ReadInt64("sequence");
        var time = ReadTime(ref reader);
        var rows = reader.ReadUInt16("rows");
        var columns = reader.ReadUInt16("columns");
        reader.EnsureAvailable((long)rows * columns * 4, "image values");
        var values = new float[rows * columns];
        reader.ReadSingles(values, "image values");
        return new SpectrogramWindow(bed, sequence, time, rows, columns, values);
    }

    private static SensorReading ReadReading(ref PayloadReader reader, string sensor)
    {
        var time = ReadTime(ref reader);
        var count = reader.ReadByte("value count");
        var values = new SensorValue[count];
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadShortAscii("value name");
            values[i] = new SensorValue(name, reader.ReadSingle("value"));
        }

        return new SensorReading(sensor, time, values);
    }

    private static TruthMessage ReadTruth(ref PayloadReader reader, string bed)
    {
        var count = reader.ReadUInt16("annotation count");
        var annotations = new TruthAnnotation[count];
        for (var i = 0; i < count; i++)
        {
            var sample = reader.ReadInt64("annotation sample");
            annotations[i] = new TruthAnnotation(sample, reader.ReadShortAscii("annotation symbol"));
        }

        return new TruthMessage(bed, annotations);
    }

    private static DateTimeOffset ReadTime(ref PayloadReader reader)
    {
        var offset = reader.Offset;
        var microseconds = reader.ReadInt64("time");
        if (microseconds < 0 || microseconds > MaxMicroseconds)
        {
            throw new WireFormatException($"time {microseconds} µs at offset {offset} is outside 1970..9999.");
        }

        return DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10);
    }

    private static long ToMicroseconds(DateTimeOffset time) => (time.ToUniversalTime() - DateTimeOffset.UnixEpoch).Ticks / 10;
}
