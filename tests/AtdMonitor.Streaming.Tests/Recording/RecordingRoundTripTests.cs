using AtdMonitor.Data.Recordings;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Pairing;
using AtdMonitor.Streaming.Recording;
using AtdMonitor.Streaming.Tests.Support;
using Parquet;
using Parquet.Schema;

namespace AtdMonitor.Streaming.Tests.Recording;

public sealed class RecordingRoundTripTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "atd-recording-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Recorded_windows_read_back_as_continuous_stretches_split_at_gaps_with_images_and_labels()
    {
        var windows = new List<PairedWindow>();
        foreach (var sequence in new long[] { 3, 4, 5, 8, 9 })
        {
            var image = Messages.Image(sequence);
            image.Values.AsSpan().Fill(sequence);
            windows.Add(new PairedWindow(Messages.Ecg(sequence, lead0: i => (sequence * 1000) + i), sequence == 4 ? null : image, 0, sequence == 3, []));
        }

        await using (var segment = await ParquetSegmentWriter.CreateAsync(_directory, Messages.Start, CancellationToken.None))
        {
            await segment.WriteAsync(Entries(windows.Take(3)), CancellationToken.None);
            await segment.WriteAsync(
                [.. Entries(windows.Skip(3)), Truth("bed-1", 0, (3 * 360) + 10, "N"), Truth("bed-1", 0, (9 * 360) + 5, "V")], CancellationToken.None);
        }

        var contents = await RecordingReader.ReadAsync(_directory);

        Assert.Equal((1, 0), (contents.Sessions, contents.UnplacedLabels));
        var stretches = contents.Stretches;
        Assert.Equal(2, stretches.Count);
        var first = stretches[0];
        Assert.Equal(("bed-1", 3 * 360L, 3 * 360, 3), (first.Bed, first.FirstSample, first.SampleCount, first.WindowCount));
        Assert.Equal(4000f + 17, first.Leads[0][360 + 17]);
        Assert.Equal([true, false, true], first.ImagePresent);
        Assert.Equal((32, 40), (first.ImageRows, first.ImageColumnsPerWindow));
        Assert.Equal(5f, first.Image[(7 * 120) + 80 + 3]);
        Assert.Equal([new RecordedLabel(3 * 360 + 10, "N")], first.Labels);
        Assert.Equal(8 * 360L, stretches[1].FirstSample);
        Assert.Equal("V", Assert.Single(stretches[1].Labels).Symbol);
        Assert.Equal(Messages.Start.AddSeconds(8), stretches[1].StartTime);
    }

    [Fact]
    public async Task A_segment_still_being_written_is_not_read_and_is_reported()
    {
        var segment = await ParquetSegmentWriter.CreateAsync(_directory, Messages.Start, CancellationToken.None);
        await segment.WriteAsync(Entries([new PairedWindow(Messages.Ecg(0), null, 0, true, [])]), CancellationToken.None);

        var open = await RecordingReader.ReadAsync(_directory);
        Assert.Empty(open.Stretches);
        Assert.EndsWith(".parquet.partial", Assert.Single(open.PartialSegments), StringComparison.Ordinal);

        await segment.DisposeAsync();
        var closed = await RecordingReader.ReadAsync(_directory);
        Assert.Single(closed.Stretches);
        Assert.Empty(closed.PartialSegments);
    }

    [Fact]
    public async Task A_bed_recorded_again_after_its_numbering_restarted_keeps_each_sessions_labels_on_its_own_windows()
    {
        // Session 0 (an earlier run of the bed) and session 1 (the device restarted at sequence 0 with another signal)
        // cover the same sample numbers; each labels only its own windows.
        // Labels arrive before their windows (a window waits in pairing for its image).
        await WriteSegmentAsync(Messages.Start, [Truth("bed-1", 0, 400, "N"), Truth("bed-1", 0, 1000, "N"), .. Session(0, 4, 100)]);
        await WriteSegmentAsync(Messages.Start.AddHours(1), [Truth("bed-1", 0, 400, "V"), .. Session(0, 3, 200)]);

        var contents = await RecordingReader.ReadAsync(_directory);

        Assert.Equal((2, 0), (contents.Sessions, contents.UnplacedLabels));
        Assert.Equal(2, contents.Stretches.Count);
        var (earlier, later) = (contents.Stretches[0], contents.Stretches[1]);
        Assert.Equal((0, 4, 100f), (earlier.Session, earlier.WindowCount, earlier.Leads[0][0]));
        Assert.Equal(["N", "N"], earlier.Labels.Select(l => l.Symbol));
        Assert.Equal((1, 3, 200f), (later.Session, later.WindowCount, later.Leads[0][0]));
        Assert.Equal([new RecordedLabel(400, "V")], later.Labels);
    }

    [Fact]
    public async Task A_restart_inside_one_segment_is_told_apart_by_the_epoch_and_the_arrival_of_each_label()
    {
        await WriteSegmentAsync(Messages.Start,
        [
            Truth("bed-1", 0, 10, "N"), .. Session(0, 3, 100, epoch: 0),
            Truth("bed-1", 1, 10, "V"), .. Session(0, 2, 200, epoch: 1),
        ]);

        var contents = await RecordingReader.ReadAsync(_directory);

        Assert.Equal(2, contents.Sessions);
        Assert.Equal([new RecordedLabel(10, "N")], contents.Stretches[0].Labels);
        Assert.Equal([new RecordedLabel(10, "V")], contents.Stretches[1].Labels);
    }

    [Fact]
    public async Task A_restart_the_worker_did_not_number_is_found_from_the_sequence_and_its_labels_go_by_arrival()
    {
        await WriteSegmentAsync(Messages.Start,
        [
            .. Session(0, 3, 100), Truth("bed-1", null, 10, "N"), .. Session(3, 5, 100),
            Truth("bed-1", null, 10, "V"), .. Session(0, 2, 200),
        ]);

        var contents = await RecordingReader.ReadAsync(_directory);

        Assert.Equal((2, 0), (contents.Sessions, contents.UnplacedLabels));
        Assert.Equal([new RecordedLabel(10, "N")], contents.Stretches[0].Labels);
        Assert.Equal([new RecordedLabel(10, "V")], contents.Stretches[1].Labels);
    }

    [Fact]
    public async Task A_label_whose_own_windows_were_not_recorded_is_left_out_rather_than_put_on_another_sessions_window()
    {
        // The worker dropped a rerun's first windows as late (same numbers, no restart seen yet) but recorded its labels;
        // the covering windows of the earlier session were recorded more than MaxWindowsBeforeLabel before them.
        await WriteSegmentAsync(Messages.Start,
        [
            .. Session(0, 200, 100), Truth("bed-1", null, 10 * 360, "V"),
            Truth("bed-1", null, (150 * 360) + 5, "N"), .. Session(150, 10, 500, epoch: 1),
        ]);

        var contents = await RecordingReader.ReadAsync(_directory);

        Assert.Equal((2, 1), (contents.Sessions, contents.UnplacedLabels));
        Assert.Empty(contents.Stretches[0].Labels);
        Assert.Equal([new RecordedLabel((150 * 360) + 5, "N")], contents.Stretches[1].Labels);
    }

    [Fact]
    public async Task A_window_recorded_twice_with_the_same_samples_is_a_duplicate_not_a_new_session()
    {
        await WriteSegmentAsync(Messages.Start, [.. Session(0, 3, 100), Truth("bed-1", 0, 5, "N")]);
        await WriteSegmentAsync(Messages.Start.AddMinutes(1), [.. Session(2, 3, 100), Truth("bed-1", 0, 5, "N")]);

        var contents = await RecordingReader.ReadAsync(_directory);

        Assert.Equal(1, contents.Sessions);
        var stretch = Assert.Single(contents.Stretches);
        Assert.Equal(5, stretch.WindowCount);
        Assert.Equal([new RecordedLabel(5, "N")], stretch.Labels);
    }

    [Fact]
    public async Task A_recording_made_before_epochs_is_split_at_restarts_and_drops_labels_two_sessions_could_claim()
    {
        // Old layout: no epoch or arrival columns. Segment 1 holds the end of one session and the start of another
        // (restart at 0): a label at sample 10 there could be either's, so it is left out; segment 2's label is placed.
        await WriteLegacySegmentAsync("20261126T080000000", [(0, 100), (1, 100), (2, 100), (0, 300), (1, 300)], [("bed-1", 10, "N")]);
        await WriteLegacySegmentAsync("20261126T090000000", [(0, 200), (1, 200)], [("bed-1", 370, "V")]);

        var contents = await RecordingReader.ReadAsync(_directory);

        Assert.Equal((3, 1), (contents.Sessions, contents.UnplacedLabels));
        Assert.Equal([100f, 300f, 200f], contents.Stretches.Select(s => s.Leads[0][0]));
        Assert.Empty(contents.Stretches[0].Labels);
        Assert.Empty(contents.Stretches[1].Labels);
        Assert.Equal([new RecordedLabel(370, "V")], contents.Stretches[2].Labels);
    }

    [Fact]
    public async Task Truth_that_comes_without_windows_is_written_a_row_group_at_a_time_instead_of_piling_up_in_memory()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new AtdMonitor.Streaming.Configuration.RecordingOptions { Enabled = true, Directory = _directory, RowGroupWindows = 50 });
        using var metrics = new TestMetrics();
        var channel = new RecordingChannel(options, metrics.Pipeline);
        using var recorder = new RecorderService(channel, options, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<RecorderService>.Instance);
        await recorder.StartAsync(CancellationToken.None);

        for (var message = 0; message < 120; message++)
        {
            channel.Post(new TruthMessage("bed-1", [new TruthAnnotation(message * 360L, "N")]));
        }

        // Before the stop: the first row group of truth is on disk while the service still runs.
        await WorkerHarness.WaitUntilAsync(
            () => Directory.Exists(_directory) && Directory.GetFiles(_directory, RecordingSchema.TruthPrefix + "*").Any(f => new FileInfo(f).Length > 0), TimeSpan.FromSeconds(10));
        await recorder.StopAsync(CancellationToken.None);

        var contents = await RecordingReader.ReadAsync(_directory);
        Assert.Equal(120, contents.UnplacedLabels);
    }

    [Fact]
    public void A_window_whose_device_reports_lead_0_off_is_not_recorded()
    {
        using var metrics = new TestMetrics();
        var options = Microsoft.Extensions.Options.Options.Create(new AtdMonitor.Streaming.Configuration.RecordingOptions { Enabled = true, Directory = _directory });
        var channel = new RecordingChannel(options, metrics.Pipeline);

        foreach (var sequence in Enumerable.Range(0, 3))
        {
            channel.Post(new PairedWindow(Messages.Ecg(sequence) with { LeadsOff = (byte)(sequence == 1 ? 1 : 0) }, null, 0, sequence == 0, []));
        }

        var recorded = new List<long>();
        while (channel.Reader.TryRead(out var entry))
        {
            recorded.Add(entry.Window!.Sequence);
        }

        Assert.Equal([0L, 2L], recorded);
    }

    [Fact]
    public void A_recording_queue_the_recorder_does_not_keep_up_with_drops_its_oldest_entries_and_counts_them()
    {
        using var metrics = new TestMetrics();
        var options = Microsoft.Extensions.Options.Options.Create(new AtdMonitor.Streaming.Configuration.RecordingOptions { Enabled = true, Directory = _directory, RowGroupWindows = 10 });
        var channel = new RecordingChannel(options, metrics.Pipeline);

        for (var message = 0; message < 50; message++)
        {
            channel.Post(new TruthMessage("bed-1", [new TruthAnnotation(message, "N")]));
        }

        Assert.Equal(50 - (RecordingChannel.RowGroupsQueued * 10), metrics.Pipeline.RecordingDropped);
        Assert.True(channel.Reader.TryRead(out var oldest));
        Assert.Equal(50 - (RecordingChannel.RowGroupsQueued * 10), oldest.Truth!.Annotations[0].Sample);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static List<RecordingEntry> Entries(IEnumerable<PairedWindow> windows) => [.. windows.Select(w => new RecordingEntry(w, null, null))];

    /// <summary>Windows <paramref name="first"/> .. of one session whose lead 0 reads <paramref name="level"/> + sequence.</summary>
    private static IEnumerable<RecordingEntry> Session(long first, int count, float level, int epoch = 0) =>
        Enumerable.Range(0, count).Select(i => new RecordingEntry(new PairedWindow(Messages.Ecg(first + i, lead0: _ => level + first + i), null, epoch, i == 0, []), null, null));

    private static RecordingEntry Truth(string bed, int? epoch, long sample, string symbol) =>
        new(null, new TruthMessage(bed, [new TruthAnnotation(sample, symbol)]), epoch);

    private async Task WriteSegmentAsync(DateTimeOffset start, List<RecordingEntry> entries)
    {
        await using var segment = await ParquetSegmentWriter.CreateAsync(_directory, start, CancellationToken.None);
        await segment.WriteAsync(entries, CancellationToken.None);
    }

    /// <summary>A segment in the layout written before epochs (the columns of that time only).</summary>
    private async Task WriteLegacySegmentAsync(string stamp, (long Sequence, float Level)[] windows, (string Bed, long Sample, string Symbol)[] truth)
    {
        Directory.CreateDirectory(_directory);
        var windowFields = RecordingSchema.Windows.DataFields.Where(f => f.Name != RecordingSchema.Epoch.Name).ToArray();
        await using (var stream = File.Create(Path.Combine(_directory, $"windows-{stamp}.parquet")))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(windowFields), stream))
        {
            using var group = writer.CreateRowGroup();
            var ecg = windows.Select(w => Messages.Ecg(w.Sequence, lead0: _ => w.Level + w.Sequence)).ToList();
            await group.WriteAsync(RecordingSchema.Bed, ecg.Select(e => e.Bed).ToList());
            await group.WriteAsync<long>(RecordingSchema.Sequence, ecg.Select(e => e.Sequence).ToArray());
            await group.WriteAsync<long>(RecordingSchema.FirstSampleTime, ecg.Select(e => (e.FirstSampleTime - DateTimeOffset.UnixEpoch).Ticks / 10).ToArray());
            await group.WriteAsync<float>(RecordingSchema.SampleRate, ecg.Select(e => e.SampleRate).ToArray());
            await group.WriteAsync<int>(RecordingSchema.Leads, ecg.Select(e => e.Leads).ToArray());
            await group.WriteAsync<int>(RecordingSchema.SamplesPerLead, ecg.Select(e => e.SamplesPerLead).ToArray());
            await group.WriteAsync(RecordingSchema.Samples, ecg.Select(e => RecordingSchema.ToBytes(e.Samples)).ToList());
            await group.WriteAsync<bool>(RecordingSchema.ImageMissing, ecg.Select(_ => true).ToArray());
            await group.WriteAsync<int>(RecordingSchema.ImageRows, new int[ecg.Count]);
            await group.WriteAsync<int>(RecordingSchema.ImageColumns, new int[ecg.Count]);
            await group.WriteAsync(RecordingSchema.Image, ecg.Select(_ => Array.Empty<byte>()).ToList());
            group.CompleteValidate();
        }

        await using (var stream = File.Create(Path.Combine(_directory, $"truth-{stamp}.parquet")))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(RecordingSchema.TruthBed, RecordingSchema.TruthSample, RecordingSchema.TruthSymbol), stream))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(RecordingSchema.TruthBed, truth.Select(t => t.Bed).ToList());
            await group.WriteAsync<long>(RecordingSchema.TruthSample, truth.Select(t => t.Sample).ToArray());
            await group.WriteAsync(RecordingSchema.TruthSymbol, truth.Select(t => t.Symbol).ToList());
            group.CompleteValidate();
        }
    }
}
