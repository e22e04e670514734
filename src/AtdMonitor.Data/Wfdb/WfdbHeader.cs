using System.Globalization;

namespace AtdMonitor.Data.Wfdb;

/// <summary>A parsed WFDB header (<c>.hea</c>): the record line and one line per signal.</summary>
/// <param name="Name">The record name.</param>
/// <param name="SampleRate">Samples per second per signal.</param>
/// <param name="SampleCount">Samples per signal.</param>
/// <param name="Signals">The signal lines.</param>
public sealed record WfdbHeader(string Name, double SampleRate, int SampleCount, IReadOnlyList<WfdbSignalInfo> Signals)
{
    private const double DefaultGain = 200;
    private const double DefaultSampleRate = 250;

    /// <summary>Reads a header file; CRLF or LF line endings; '#' comment lines are skipped.</summary>
    public static WfdbHeader Load(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (FileNotFoundException e)
        {
            throw new WfdbFormatException($"{path}: header file not found.", e);
        }

        return Parse(lines, path);
    }

    /// <summary>Parses the lines of a header; <paramref name="source"/> names it in errors.</summary>
    public static WfdbHeader Parse(IReadOnlyList<string> lines, string source)
    {
        var content = new List<(int LineNumber, string[] Fields)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            content.Add((i + 1, line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        }

        if (content.Count == 0)
        {
            throw new WfdbFormatException($"{source}: empty header, expected a record line 'name nsig [fs [nsamp]]'.");
        }

        var (recordLine, record) = content[0];
        if (record[0].Contains('/', StringComparison.Ordinal))
        {
            throw new WfdbFormatException($"{source}, line {recordLine}: multi-segment record '{record[0]}' is not supported.");
        }

        var signalCount = ParseInt(record, 1, source, recordLine, "the number of signals");
        var sampleRate = record.Length > 2
            ? ParseDouble(record[2].Split('/')[0], source, recordLine, "the sampling frequency")
            : DefaultSampleRate;
        var sampleCount = record.Length > 3 ? ParseInt(record, 3, source, recordLine, "the number of samples per signal") : 0;
        if (signalCount < 0 || sampleRate <= 0 || sampleCount < 0)
        {
            throw new WfdbFormatException($"{source}, line {recordLine}: expected a non-negative signal count and sample count and a positive sampling frequency.");
        }

        if (content.Count - 1 < signalCount)
        {
            throw new WfdbFormatException(
                $"{source}: the record line announces {signalCount} signals but the header has {content.Count - 1} signal lines (truncated header?).");
        }

        var signals = new WfdbSignalInfo[signalCount];
        for (var s = 0; s < signalCount; s++)
        {
            var (lineNumber, fields) = content[s + 1];
            signals[s] = ParseSignal(fields, source, lineNumber);
        }

        return new WfdbHeader(record[0], sampleRate, sampleCount, signals);
    }

    private static WfdbSignalInfo ParseSignal(string[] fields, string source, int line)
    {
        if (fields.Length < 2)
        {
            throw new WfdbFormatException($"{source}, line {line}: expected a signal line 'file format [gain[(baseline)][/units] [adcres [adczero [initval [checksum [blocksize [description]]]]]]]'.");
        }

        var formatText = fields[1];
        var formatEnd = 0;
        while (formatEnd < formatText.Length && char.IsAsciiDigit(formatText[formatEnd]))
        {
            formatEnd++;
        }

        if (formatEnd == 0 || formatEnd != formatText.Length)
        {
            throw new WfdbFormatException($"{source}, line {line}: signal format '{formatText}' not supported, expected 212, 16 or 80 (no skew, offset or samples-per-frame suffix).");
        }

        var format = int.Parse(formatText, CultureInfo.InvariantCulture);
        if (format is not (212 or 16 or 80))
        {
            throw new WfdbFormatException($"{source}, line {line}: signal format {format} not supported, expected 212, 16 or 80.");
        }

        var gain = DefaultGain;
        int? baseline = null;
        var units = "mV";
        if (fields.Length > 2)
        {
            var gainText = fields[2];
            var slash = gainText.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                units = gainText[(slash + 1)..];
                gainText = gainText[..slash];
            }

            var open = gainText.IndexOf('(', StringComparison.Ordinal);
            if (open >= 0)
            {
                if (!gainText.EndsWith(')'))
                {
                    throw new WfdbFormatException($"{source}, line {line}: gain field '{fields[2]}' has an unclosed baseline, expected 'gain(baseline)'.");
                }

                baseline = (int)ParseDouble(gainText[(open + 1)..^1], source, line, "an integer baseline");
                gainText = gainText[..open];
            }

            gain = ParseDouble(gainText, source, line, "the gain (ADC units per physical unit)");
            if (gain == 0)
            {
                gain = DefaultGain;
            }
        }

        var resolution = fields.Length > 3 ? ParseInt(fields, 3, source, line, "the ADC resolution") : format == 80 ? 8 : 12;
        var adcZero = fields.Length > 4 ? ParseInt(fields, 4, source, line, "the ADC zero") : 0;
        int? initial = fields.Length > 5 ? ParseInt(fields, 5, source, line, "the initial value") : null;
        short? checksum = fields.Length > 6 ? (short)ParseInt(fields, 6, source, line, "the checksum") : null;
        var blockSize = fields.Length > 7 ? ParseInt(fields, 7, source, line, "the block size") : 0;
        var description = fields.Length > 8 ? string.Join(' ', fields, 8, fields.Length - 8) : string.Empty;
        return new WfdbSignalInfo(fields[0], format, gain, baseline ?? adcZero, units, resolution, adcZero, initial, checksum, blockSize, description);
    }

    private static int ParseInt(string[] fields, int index, string source, int line, string what)
    {
        if (index >= fields.Length || !int.TryParse(fields[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            var found = index < fields.Length ? $"'{fields[index]}'" : "nothing";
            throw new WfdbFormatException($"{source}, line {line}, field {index + 1}: expected {what} (an integer), found {found}.");
        }

        return value;
    }

    private static double ParseDouble(string text, string source, int line, string what)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new WfdbFormatException($"{source}, line {line}: expected {what} (a number), found '{text}'.");
        }

        return value;
    }
}
