using System.Buffers.Binary;
using System.Text;

namespace AtdMonitor.Protocol.Codec;

/// <summary>Little-endian writer into a growable buffer.</summary>
internal sealed class PayloadWriter(int capacity)
{
    private byte[] _buffer = new byte[capacity];
    private int _length;

    public void WriteByte(byte value) => Grow(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Grow(2), value);

    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16LittleEndian(Grow(2), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Grow(8), value);

    public void WriteSingle(float value) => BinaryPrimitives.WriteSingleLittleEndian(Grow(4), value);

    public void WriteShortAscii(string value, string field)
    {
        if (value.Length > byte.MaxValue || value.Any(c => c is < ' ' or > '~'))
        {
            throw new ArgumentException($"{field} '{value}' must be at most 255 printable ASCII characters.", field);
        }

        WriteByte((byte)value.Length);
        Encoding.ASCII.GetBytes(value, Grow(value.Length));
    }

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    private Span<byte> Grow(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
