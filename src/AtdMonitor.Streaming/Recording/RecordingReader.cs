using AtdMonitor.Protocol.Messages;
using Parquet;

namespace AtdMonitor.Streaming.Recording;

/// <summary>
/// Reads a recording folder back as continuous per-bed streams (for <c>atd train --from-recording DIR</c>): windows of
/// all closed segments are grouped by bed, ordered by sequence number, de-duplicated, and split wherever a sequence
/// number is missing; truth annotations are attached to the stretch that contains them.
/// </summary>
public static class RecordingReader
{
    public static async Task<IReadOnlyList<RecordedStretch>> ReadAsync(string directory, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Recording folder '{directory}' does not exist.");
        }

        var windows = new List<WindowRow>();
        foreach (var file in Directory.GetFiles(directory, RecordingSchema.WindowsPrefix + "*" + RecordingSchema.Extension).Order(StringComparer.Ordinal))
        {
            windows.AddRange(await ReadWindowsAsync(file, cancellationToken).ConfigureAwait(false));
        }

        var truth = new List<(string Bed, TruthAnnotation Annotation)>();
        foreach (var file in Directory.GetFiles(directory, RecordingSchema.TruthPrefix + "*" + RecordingSchema.Extension).Order(StringComparer.Ordinal))
        {
            truth.AddRange(await ReadTruthAsync(file, cancellationToken).ConfigureAwait(false));
        }

        var streams = new List<RecordedStretch>();
        foreach (var bed in windows.GroupBy(w => w.Bed, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = bed.GroupBy(w => w.Sequence).Select(g => g.First()).OrderBy(w => w.Sequence).ToList();
            var labels = truth.Where(t => t.Bed == bed.Key).Select(t => t.Annotation).OrderBy(a => a.Sample).ToList();
            var start = 0;
            for (var i = 1; i <= ordered.Count; i++)
            {
                if (i == ordered.Count || ordered[i].Sequence != ordered[i - 1].Sequence + 1 || ordered[i].SamplesPerLead != ordered[start].SamplesPerLead)
                {
                    streams.Add(Stitch(bed.Key, ordered.GetRange(start, i - start), labels));
                    start = i;
                }
            }
        }

        return streams;
    }

    private static RecordedStretch Stitch(string bed, List<WindowRow> run, List<TruthAnnotation> labels)
    {
        var first = run[0];
        var perWindow = first.SamplesPerLead;
        var leads = Enumerable.Range(0, first.Leads).Select(_ => new float[run.Count * perWindow]).ToArray();
        var withImage = run.FirstOrDefault(w => !w.ImageMissing);
        var rows = withImage?.ImageRows ?? 0;
        var columns = withImage?.ImageColumns ?? 0;
        var totalColumns = run.Count * columns;
        var image = new float[rows * totalColumns];
        var present = new bool[run.Count];
        for (var w = 0; w < run.Count; w++)
        {
            var window = run[w];
            for (var lead = 0; lead < leads.Length && lead < window.Leads; lead++)
            {
                window.Samples.AsSpan(lead * perWindow, perWindow).CopyTo(leads[lead].AsSpan(w * perWindow));
            }

            present[w] = !window.ImageMissing && window.ImageRows == rows && window.ImageColumns == columns;
            if (present[w])
            {
                for (var row = 0; row < rows; row++)
                {
                    window.Image.AsSpan(row * columns, columns).CopyTo(image.AsSpan((row * totalColumns) + (w * columns)));
                }
            }
        }

        var firstSample = first.Sequence * perWindow;
        var end = firstSample + (run.Count * perWindow);
        var inside = labels.Where(a => a.Sample >= firstSample && a.Sample < end).ToList();
        return new RecordedStretch(bed, first.SampleRate, first.FirstSampleTime, firstSample, leads, rows, columns, image, present, inside);
    }

    private static async Task<List<WindowRow>> ReadWindowsAsync(string file, CancellationToken cancellationToken)
    {
        var rows = new List<WindowRow>();
        await using var reader = await ParquetReader.CreateAsync(file, cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = checked((int)group.RowCount);
            var beds = new string?[n];
            var sequences = new long[n];
            var times = new long[n];
            var rates = new float[n];
            var leads = new int[n];
            var perLead = new int[n];
            var samples = new byte[]?[n];
            var missing = new bool[n];
            var imageRows = new int[n];
            var imageColumns = new int[n];
            var images = new byte[]?[n];
            await group.ReadAsync(RecordingSchema.Bed, beds.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(RecordingSchema.Sequence, sequences.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(RecordingSchema.FirstSampleTime, times.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(RecordingSchema.SampleRate, rates.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(RecordingSchema.Leads, leads.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(RecordingSchema.SamplesPerLead, perLead.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(RecordingSchema.Samples, samples.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(RecordingSchema.ImageMissing, missing.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(RecordingSchema.ImageRows, imageRows.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(RecordingSchema.ImageColumns, imageColumns.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(RecordingSchema.Image, images.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < n; i++)
            {
                rows.Add(new WindowRow(
                    beds[i] ?? string.Empty, sequences[i], DateTimeOffset.UnixEpoch.AddTicks(times[i] * 10), rates[i], leads[i], perLead[i],
                    RecordingSchema.ToFloats(samples[i] ?? []), missing[i], imageRows[i], imageColumns[i], RecordingSchema.ToFloats(images[i] ?? [])));
            }
        }

        return rows;
    }

    private static async Task<List<(string Bed, TruthAnnotation Annotation)>> ReadTruthAsync(string file, CancellationToken cancellationToken)
    {
        var rows = new List<(string, TruthAnnotation)>();
        await using var reader = await ParquetReader.CreateAsync(file, cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = checked((int)group.RowCount);
            var beds = new string?[n];
            var samples = new long[n];
            var symbols = new string?[n];
            await group.ReadAsync(RecordingSchema.TruthBed, beds.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(RecordingSchema.TruthSample, samples.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(RecordingSchema.TruthSymbol, symbols.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < n; i++)
            {
                rows.Add((beds[i] ?? string.Empty, new TruthAnnotation(samples[i], symbols[i] ?? string.Empty)));
            }
        }

        return rows;
    }

    private sealed record WindowRow(
        string Bed, long Sequence, DateTimeOffset FirstSampleTime, float SampleRate, int Leads, int SamplesPerLead,
        float[] Samples, bool ImageMissing, int ImageRows, int ImageColumns, float[] Image);
}
