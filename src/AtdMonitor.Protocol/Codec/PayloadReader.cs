using System.Buffers.Binary;
using System.Text;

namespace AtdMonitor.Protocol.Codec;

/// <summary>Little-endian cursor over a payload; every read names the field when the payload is too short.</summary>
internal ref struct PayloadReader(ReadOnlySpan<byte> payload)
{
    private readonly ReadOnlySpan<byte> _payload = payload;

    public int Offset { get; private set; }

    public readonly int Remaining => _payload.Length - Offset;

    public byte ReadByte(string field) => Take(1, field)[0];

    public ushort ReadUInt16(string field) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, field));

    public long ReadInt64(string field) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, field));

    public float ReadSingle(string field) => BinaryPrimitives.ReadSingleLittleEndian(Take(4, field));

    /// <summary>A length-prefixed (one byte) ASCII string.</summary>
    public string ReadShortAscii(string field)
    {
        var length = ReadByte(field + " length");
        var bytes = Take(length, field);
        foreach (var b in bytes)
        {
            if (b is < 0x20 or > 0x7E)
            {
                throw new WireFormatException($"{field} at offset {Offset - length} is not printable ASCII.");
            }
        }

        return Encoding.ASCII.GetString(bytes);
    }

    public void ReadSingles(Span<float> output, string field)
    {
        var bytes = Take(checked(output.Length * 4), field);
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i * 4, 4));
        }
    }

    public void ReadInt16sScaled(Span<float> output, float scale, string field)
    {
        var bytes = Take(checked(output.Length * 2), field);
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.Slice(i * 2, 2)) * scale;
        }
    }

    /// <summary>Fails before allocating when the payload cannot hold <paramref name="count"/> more bytes.</summary>
    public readonly void EnsureAvailable(long count, string field)
    {
        if (count > Remaining)
        {
            throw new WireFormatException($"payload truncated: {field} needs {count} bytes at offset {Offset}, {Remaining} left.");
        }
    }

    /// <summary>Fails unless the whole payload was consumed: trailing bytes mean a producer with another layout.</summary>
    public readonly void ExpectEnd(string what)
    {
        if (Remaining != 0)
        {
            throw new WireFormatException($"{Remaining} trailing bytes after the {what} at offset {Offset}.");
        }
    }

    private ReadOnlySpan<byte> Take(int count, string field)
    {
        if (count > Remaining)
        {
            throw new WireFormatException($"payload truncated: {field} needs {count} bytes at offset {Offset}, {Remaining} left.");
        }

        var slice = _payload.Slice(Offset, count);
        Offset += count;
        return slice;
    }
}
