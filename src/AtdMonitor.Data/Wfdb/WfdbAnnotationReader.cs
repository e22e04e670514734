using System.Buffers.Binary;
using System.Text;

namespace AtdMonitor.Data.Wfdb;

/// <summary>Reads WFDB annotation files in MIT format (e.g. <c>100.atr</c>).</summary>
/// <remarks>Each entry is a little-endian 16-bit word: code in the top 6 bits, time step in the low 10.
/// SKIP (59) adds the 32-bit interval that follows (high half first) to the time of the next annotation;
/// NUM (60), SUB (61), CHN (62) and AUX (63) modify the annotation before them; NUM and CHN carry over.
/// A zero word ends the file.</remarks>
public static class WfdbAnnotationReader
{
    /// <summary>Reads every annotation of <paramref name="path"/>.</summary>
    /// <exception cref="WfdbFormatException">The file is truncated or malformed; the message gives the byte offset.</exception>
    public static IReadOnlyList<WfdbAnnotation> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new WfdbFormatException($"{path}: annotation file not found.");
        }

        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses annotation bytes; <paramref name="source"/> names them in errors.</summary>
    public static IReadOnlyList<WfdbAnnotation> Parse(ReadOnlySpan<byte> bytes, string source)
    {
        var result = new List<WfdbAnnotation>();
        long time = 0;
        int number = 0, channel = 0;
        var offset = 0;
        while (true)
        {
            if (offset + 2 > bytes.Length)
            {
                throw new WfdbFormatException($"{source}: truncated annotation file at byte offset {offset} of {bytes.Length}; expected a 16-bit word (the end-of-file marker is a zero word).");
            }

            var word = BinaryPrimitives.ReadUInt16LittleEndian(bytes[offset..]);
            var at = offset;
            offset += 2;
            if (word == 0)
            {
                return result;
            }

            var code = word >> 10;
            var value = word & 0x3FF;
            switch (code)
            {
                case WfdbAnnotationCodes.Skip:
                    if (offset + 4 > bytes.Length)
                    {
                        throw new WfdbFormatException($"{source}: truncated SKIP at byte offset {at}; expected a 4-byte interval after it.");
                    }

                    var high = BinaryPrimitives.ReadUInt16LittleEndian(bytes[offset..]);
                    var low = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(offset + 2)..]);
                    time += (int)(((uint)high << 16) | low);
                    offset += 4;
                    break;
                case WfdbAnnotationCodes.Num:
                    number = SignExtend10(value);
                    Modify(result, source, at, "NUM", a => a with { Number = number });
                    break;
                case WfdbAnnotationCodes.Sub:
                    Modify(result, source, at, "SUB", a => a with { SubType = SignExtend10(value) });
                    break;
                case WfdbAnnotationCodes.Chn:
                    channel = value;
                    Modify(result, source, at, "CHN", a => a with { Channel = channel });
                    break;
                case WfdbAnnotationCodes.Aux:
                    var padded = value + (value & 1);
                    if (offset + padded > bytes.Length)
                    {
                        throw new WfdbFormatException($"{source}: truncated AUX at byte offset {at}; expected {value} text bytes (padded to {padded}) after it, {bytes.Length - offset} left.");
                    }

                    var text = Encoding.Latin1.GetString(bytes.Slice(offset, value)).TrimEnd('\0');
                    offset += padded;
                    Modify(result, source, at, "AUX", a => a with { Aux = text });
                    break;
                default:
                    time += value;
                    result.Add(new WfdbAnnotation(time, code, WfdbAnnotationCodes.SymbolOf(code), 0, channel, number, null));
                    break;
            }
        }
    }

    private static int SignExtend10(int value) => (value << 22) >> 22;

    private static void Modify(List<WfdbAnnotation> result, string source, int offset, string what, Func<WfdbAnnotation, WfdbAnnotation> change)
    {
        if (result.Count == 0)
        {
            throw new WfdbFormatException($"{source}: {what} at byte offset {offset} comes before any annotation; expected an annotation word first.");
        }

        result[^1] = change(result[^1]);
    }
}
