namespace AtdMonitor.Data.Wfdb;

/// <summary>Reads WFDB records (header + signal files in formats 212, 16 or 80) and checks them against the header.</summary>
public static class WfdbReader
{
    /// <summary>Reads record <paramref name="name"/> from <paramref name="directory"/>; verifies each signal's
    /// initial value and checksum when the header gives them.</summary>
    /// <exception cref="WfdbFormatException">A file is missing, truncated or does not match its header.</exception>
    public static WfdbRecord ReadRecord(string directory, string name)
    {
        var headerPath = Path.Combine(directory, name + ".hea");
        var header = WfdbHeader.Load(headerPath);
        var samples = new short[header.Signals.Count][];
        for (var s = 0; s < samples.Length; s++)
        {
            samples[s] = new short[header.SampleCount];
        }

        // Signals that share a file are interleaved in it, one sample of each per frame, in header order.
        foreach (var group in header.Signals.Select((info, index) => (info, index)).GroupBy(x => x.info.FileName, StringComparer.Ordinal))
        {
            var members = group.Select(x => x.index).ToArray();
            var format = header.Signals[members[0]].Format;
            if (members.Any(m => header.Signals[m].Format != format))
            {
                throw new WfdbFormatException($"{headerPath}: signals in '{group.Key}' use different formats; expected one format per file.");
            }

            var path = Path.Combine(directory, group.Key);
            if (!File.Exists(path))
            {
                throw new WfdbFormatException($"{path}: signal file named in {headerPath} not found.");
            }

            var bytes = File.ReadAllBytes(path);
            Decode(bytes, format, path, members, header.SampleCount, samples);
        }

        for (var s = 0; s < samples.Length; s++)
        {
            Verify(header.Signals[s], samples[s], s, headerPath);
        }

        return new WfdbRecord(header.Name, header.SampleRate, header.Signals, samples);
    }

    /// <summary>Bytes needed for <paramref name="values"/> samples in <paramref name="format"/>.</summary>
    public static long BytesFor(int format, long values) => format switch
    {
        212 => (values * 3 + 1) / 2,
        16 => values * 2,
        80 => values,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "expected 212, 16 or 80"),
    };

    private static void Decode(byte[] bytes, int format, string path, int[] members, int sampleCount, short[][] samples)
    {
        var frame = members.Length;
        var values = (long)sampleCount * frame;
        var needed = BytesFor(format, values);
        if (bytes.Length < needed)
        {
            var complete = format switch { 212 => bytes.Length / 3 * 2, 16 => bytes.Length / 2, _ => bytes.Length } / frame;
            throw new WfdbFormatException(
                $"{path}: truncated signal file, {bytes.Length} bytes; expected {needed} bytes for {sampleCount} samples × {frame} signals in format {format} (complete frames end at sample {complete}, byte offset {BytesFor(format, (long)complete * frame)}).");
        }

        for (long v = 0; v < values; v++)
        {
            var sample = format switch
            {
                212 => Read212(bytes, v),
                16 => (short)(bytes[v * 2] | (bytes[(v * 2) + 1] << 8)),
                _ => (short)(bytes[v] - 128),
            };
            samples[members[v % frame]][v / frame] = sample;
        }
    }

    private static short Read212(byte[] bytes, long v)
    {
        var offset = v / 2 * 3;
        var middle = bytes[offset + 1];
        var raw = (v & 1) == 0
            ? bytes[offset] | ((middle & 0x0F) << 8)
            : bytes[offset + 2] | ((middle & 0xF0) << 4);
        return (short)((raw << 20) >> 20);
    }

    private static void Verify(WfdbSignalInfo info, short[] samples, int index, string headerPath)
    {
        if (info.InitialValue is { } initial && samples.Length > 0 && samples[0] != initial)
        {
            throw new WfdbFormatException(
                $"{Path.Combine(Path.GetDirectoryName(headerPath) ?? ".", info.FileName)}: signal {index} ({info.Description}) starts with {samples[0]}, expected the header's initial value {initial} ({headerPath}, line {index + 2}).");
        }

        if (info.Checksum is { } checksum)
        {
            short sum = 0;
            foreach (var sample in samples)
            {
                sum = unchecked((short)(sum + sample));
            }

            if (sum != checksum)
            {
                throw new WfdbFormatException(
                    $"{Path.Combine(Path.GetDirectoryName(headerPath) ?? ".", info.FileName)}: signal {index} ({info.Description}) sums to {sum}, expected the header's checksum {checksum} ({headerPath}, line {index + 2}); the signal file is corrupted.");
            }
        }
    }
}
