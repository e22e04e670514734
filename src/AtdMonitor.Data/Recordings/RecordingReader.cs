using Parquet;

namespace AtdMonitor.Data.Recordings;

/// <summary>
/// Reads a recording folder back as continuous per-bed streams (for <c>atd train --from-recording DIR</c>). A bed's
/// windows are split into sessions, each one continuous numbering: walking them in recording order (segments by
/// start time, rows in arrival order), a session ends when the stored epoch changes or the sequence number restarts
/// (it falls back, or repeats with other samples); a repeat with the same samples is a duplicate and is dropped.
/// Recordings made before epochs (no <c>epoch</c> column) are split by the restarts alone. Each session is split
/// wherever a sequence number is missing. A truth annotation is joined to the session of its bed (and of its epoch,
/// when it was posted with one) whose covering window was recorded nearest to it: among the bed's windows, at most
/// <see cref="MaxWindowsAfterLabel"/> after the label's arrival or <see cref="MaxWindowsBeforeLabel"/> before it (in older recordings, which lack arrivals: the same segment
/// first). A label no such window covers (its own windows were not recorded) or that two sessions could claim equally
/// is left out and counted, so labels never cross sessions.
/// </summary>
public static class RecordingReader
{
    /// <summary>
    /// How many of its bed's windows may be recorded between a label's arrival and the window it labels, after it: a label
    /// comes with its window, which waits in pairing for its image (at most the pairing timeout, many windows in an
    /// accelerated replay).
    /// </summary>
    public const int MaxWindowsAfterLabel = 120;

    /// <summary>
    /// ... and before it: the window and the label reach the recorder on different paths, so one may overtake the other
    /// by a few windows (the default reorder window). A covering window recorded earlier belongs to another session whose
    /// own windows were not recorded (a rerun the worker dropped as late): the label is left out.
    /// </summary>
    public const int MaxWindowsBeforeLabel = 8;

    public static async Task<RecordingContents> ReadAsync(string directory, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Recording folder '{directory}' does not exist.");
        }

        var windowFiles = Directory.GetFiles(directory, RecordingSchema.WindowsPrefix + "*" + RecordingSchema.Extension).Order(StringComparer.Ordinal).ToList();
        var windows = new List<WindowRow>();
        var bedOrder = new Dictionary<string, List<(int Segment, int Row)>>(StringComparer.Ordinal);
        for (var segment = 0; segment < windowFiles.Count; segment++)
        {
            windows.AddRange(await ReadWindowsAsync(windowFiles[segment], segment, bedOrder, cancellationToken).ConfigureAwait(false));
        }

        var segmentOf = windowFiles.Select((file, index) => (Stamp: Stamp(file, RecordingSchema.WindowsPrefix), index))
            .ToDictionary(f => f.Stamp, f => f.index, StringComparer.Ordinal);
        var truth = new List<TruthRow>();
        foreach (var file in Directory.GetFiles(directory, RecordingSchema.TruthPrefix + "*" + RecordingSchema.Extension).Order(StringComparer.Ordinal))
        {
            // A truth file without its windows file has no window to join; its segment index sorts it last.
            var segment = segmentOf.GetValueOrDefault(Stamp(file, RecordingSchema.TruthPrefix), windowFiles.Count);
            truth.AddRange(await ReadTruthAsync(file, segment, cancellationToken).ConfigureAwait(false));
        }

        var sessions = new List<Session>();
        foreach (var bed in windows.GroupBy(w => w.Bed, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Split(bed.Key, bed, sessions);
        }

        var unplaced = PlaceLabels(sessions, truth, bedOrder);
        var stretches = new List<RecordedStretch>();
        foreach (var session in sessions)
        {
            var ordered = session.Windows.Values.OrderBy(w => w.Sequence).ToList();
            var labels = session.Labels.Distinct().OrderBy(a => a.Sample).ToList();
            var start = 0;
            for (var i = 1; i <= ordered.Count; i++)
            {
                if (i == ordered.Count || ordered[i].Sequence != ordered[i - 1].Sequence + 1 || ordered[i].SamplesPerLead != ordered[start].SamplesPerLead)
                {
                    stretches.Add(Stitch(session, ordered.GetRange(start, i - start), labels));
                    start = i;
                }
            }
        }

        var partial = Directory.GetFiles(directory, "*" + RecordingSchema.Extension + RecordingSchema.PartialSuffix).Order(StringComparer.Ordinal).ToList();
        return new RecordingContents(stretches, sessions.Count, unplaced, partial);
    }

    /// <summary>Walks one bed's windows in recording order and starts a session at every epoch change or restart.</summary>
    private static void Split(string bed, IEnumerable<WindowRow> recorded, List<Session> sessions)
    {
        Session? current = null;
        foreach (var window in recorded)
        {
            if (current is not null && window.Epoch == current.Epoch)
            {
                if (current.Windows.TryGetValue(window.Sequence, out var seen) && seen.Samples.AsSpan().SequenceEqual(window.Samples))
                {
                    continue;
                }

                if (window.Sequence > current.LastSequence)
                {
                    current.Add(window);
                    continue;
                }
            }

            current = new Session(bed, current is null ? 0 : current.Index + 1, window.Epoch);
            current.Add(window);
            sessions.Add(current);
        }
    }

    /// <summary>Gives each annotation to the nearest session that covers it; returns how many could not be placed.</summary>
    private static int PlaceLabels(List<Session> sessions, List<TruthRow> truth, Dictionary<string, List<(int Segment, int Row)>> bedOrder)
    {
        var covering = new Dictionary<(string Bed, int Epoch, int PerLead, long Sequence), List<(WindowRow Window, Session Session)>>();
        var layouts = new Dictionary<string, HashSet<(int Epoch, int PerLead)>>(StringComparer.Ordinal);
        foreach (var session in sessions)
        {
            foreach (var window in session.Windows.Values)
            {
                var key = (session.Bed, session.Epoch, window.SamplesPerLead, window.Sequence);
                if (!covering.TryGetValue(key, out var list))
                {
                    covering[key] = list = [];
                }

                list.Add((window, session));
                if (!layouts.TryGetValue(session.Bed, out var bedLayouts))
                {
                    layouts[session.Bed] = bedLayouts = [];
                }

                bedLayouts.Add((session.Epoch, window.SamplesPerLead));
            }
        }

        var unplaced = 0;
        foreach (var label in truth)
        {
            Session? best = null;
            var bestDistance = (Segments: long.MaxValue, Windows: long.MaxValue);
            var tied = false;
            // Where the label came among its bed's windows; unknown in recordings made before arrivals were stored.
            long? rank = label.Arrival is { } arrival && bedOrder.TryGetValue(label.Bed, out var order)
                ? RankOf(order, (label.Segment, checked((int)arrival)))
                : null;
            foreach (var (epoch, perLead) in layouts.GetValueOrDefault(label.Bed) ?? [])
            {
                if ((label.Epoch is { } known && known != epoch) || label.Annotation.Sample < 0
                    || !covering.TryGetValue((label.Bed, epoch, perLead, label.Annotation.Sample / perLead), out var candidates))
                {
                    continue;
                }

                foreach (var (window, session) in candidates)
                {
                    var after = rank is { } at ? window.BedRank - at : 0;
                    if (after is > MaxWindowsAfterLabel or < -MaxWindowsBeforeLabel)
                    {
                        continue;
                    }

                    var distance = rank is null ? (Math.Abs((long)window.Segment - label.Segment), 0L) : (0L, Math.Abs(after));
                    if (distance.CompareTo(bestDistance) < 0)
                    {
                        (best, bestDistance, tied) = (session, distance, false);
                    }
                    else if (distance.CompareTo(bestDistance) == 0 && session != best)
                    {
                        tied = true;
                    }
                }
            }

            if (best is null || tied)
            {
                unplaced++;
            }
            else
            {
                best.Labels.Add(label.Annotation);
            }
        }

        return unplaced;
    }

    /// <summary>How many of the bed's windows were recorded before <paramref name="place"/> (segment, row).</summary>
    private static int RankOf(List<(int Segment, int Row)> order, (int Segment, int Row) place)
    {
        int low = 0, high = order.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (order[mid].CompareTo(place) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private static string Stamp(string file, string prefix) => Path.GetFileName(file)[prefix.Length..];

    private static RecordedStretch Stitch(Session session, List<WindowRow> run, List<RecordedLabel> labels)
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
        return new RecordedStretch(session.Bed, session.Index, first.SampleRate, first.FirstSampleTime, firstSample, leads, rows, columns, image, present, inside);
    }

    private static async Task<List<WindowRow>> ReadWindowsAsync(string file, int segment, Dictionary<string, List<(int Segment, int Row)>> bedOrder, CancellationToken cancellationToken)
    {
        var rows = new List<WindowRow>();
        await using var reader = await ParquetReader.CreateAsync(file, cancellationToken: cancellationToken).ConfigureAwait(false);
        var hasEpoch = RecordingSchema.Has(reader.Schema, RecordingSchema.Epoch);
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
            var epochs = new int[n];
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
            if (hasEpoch)
            {
                await group.ReadAsync(RecordingSchema.Epoch, epochs.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            for (var i = 0; i < n; i++)
            {
                var bed = beds[i] ?? string.Empty;
                if (!bedOrder.TryGetValue(bed, out var order))
                {
                    bedOrder[bed] = order = [];
                }

                order.Add((segment, rows.Count));
                rows.Add(new WindowRow(
                    segment, rows.Count, order.Count - 1, epochs[i], bed, sequences[i], DateTimeOffset.UnixEpoch.AddTicks(times[i] * 10), rates[i], leads[i], perLead[i],
                    RecordingSchema.ToFloats(samples[i] ?? []), missing[i], imageRows[i], imageColumns[i], RecordingSchema.ToFloats(images[i] ?? [])));
            }
        }

        return rows;
    }

    private static async Task<List<TruthRow>> ReadTruthAsync(string file, int segment, CancellationToken cancellationToken)
    {
        var rows = new List<TruthRow>();
        await using var reader = await ParquetReader.CreateAsync(file, cancellationToken: cancellationToken).ConfigureAwait(false);
        var hasEpoch = RecordingSchema.Has(reader.Schema, RecordingSchema.TruthEpoch);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = checked((int)group.RowCount);
            var beds = new string?[n];
            var samples = new long[n];
            var symbols = new string?[n];
            var epochs = new int?[n];
            var arrivals = new long[n];
            await group.ReadAsync(RecordingSchema.TruthBed, beds.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(RecordingSchema.TruthSample, samples.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(RecordingSchema.TruthSymbol, symbols.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (hasEpoch)
            {
                await group.ReadAsync(RecordingSchema.TruthEpoch, epochs.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                await group.ReadAsync(RecordingSchema.TruthArrival, arrivals.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            for (var i = 0; i < n; i++)
            {
                rows.Add(new TruthRow(beds[i] ?? string.Empty, new RecordedLabel(samples[i], symbols[i] ?? string.Empty), epochs[i], segment, hasEpoch ? arrivals[i] : null));
            }
        }

        return rows;
    }

    /// <summary>One recorded window; <paramref name="Segment"/> and <paramref name="Row"/> give its place in the recording order, <paramref name="BedRank"/> its place among its bed's windows.</summary>
    private sealed record WindowRow(
        int Segment, int Row, int BedRank, int Epoch, string Bed, long Sequence, DateTimeOffset FirstSampleTime, float SampleRate, int Leads, int SamplesPerLead,
        float[] Samples, bool ImageMissing, int ImageRows, int ImageColumns, float[] Image);

    /// <summary>One truth annotation; <paramref name="Epoch"/> is null when it was not known (and in older recordings), <paramref name="Arrival"/> the window row of its segment when it came, null in older recordings.</summary>
    private sealed record TruthRow(string Bed, RecordedLabel Annotation, int? Epoch, int Segment, long? Arrival);

    /// <summary>One continuous numbering of a bed's windows.</summary>
    private sealed class Session(string bed, int index, int epoch)
    {
        public string Bed { get; } = bed;

        public int Index { get; } = index;

        public int Epoch { get; } = epoch;

        public Dictionary<long, WindowRow> Windows { get; } = [];

        public List<RecordedLabel> Labels { get; } = [];

        public long LastSequence { get; private set; } = long.MinValue;

        public void Add(WindowRow window)
        {
            Windows.Add(window.Sequence, window);
            LastSequence = window.Sequence;
        }
    }
}
