using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Pairing;
using AtdMonitor.Streaming.Recording;
using AtdMonitor.Streaming.Tests.Support;

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
            windows.Add(new PairedWindow(Messages.Ecg(sequence, lead0: i => (sequence * 1000) + i), sequence == 4 ? null : image, 0, sequence == 0, []));
        }

        await using (var segment = await ParquetSegmentWriter.CreateAsync(_directory, Messages.Start, CancellationToken.None))
        {
            await segment.WriteWindowsAsync(windows.Take(3).ToList(), CancellationToken.None);
            await segment.WriteWindowsAsync(windows.Skip(3).ToList(), CancellationToken.None);
            await segment.WriteTruthAsync([new TruthMessage("bed-1", [new TruthAnnotation(3 * 360 + 10, "N"), new TruthAnnotation(9 * 360 + 5, "V")])], CancellationToken.None);
        }

        var stretches = await RecordingReader.ReadAsync(_directory);

        Assert.Equal(2, stretches.Count);
        var first = stretches[0];
        Assert.Equal(("bed-1", 3 * 360L, 3 * 360, 3), (first.Bed, first.FirstSample, first.SampleCount, first.WindowCount));
        Assert.Equal(4000f + 17, first.Leads[0][360 + 17]);
        Assert.Equal([true, false, true], first.ImagePresent);
        Assert.Equal((32, 40), (first.ImageRows, first.ImageColumnsPerWindow));
        Assert.Equal(5f, first.Image[(7 * 120) + 80 + 3]);
        Assert.Equal([new TruthAnnotation(3 * 360 + 10, "N")], first.Labels);
        Assert.Equal(8 * 360L, stretches[1].FirstSample);
        Assert.Equal("V", Assert.Single(stretches[1].Labels).Symbol);
        Assert.Equal(Messages.Start.AddSeconds(8), stretches[1].StartTime);
    }

    [Fact]
    public async Task A_segment_still_being_written_is_not_read()
    {
        var segment = await ParquetSegmentWriter.CreateAsync(_directory, Messages.Start, CancellationToken.None);
        await segment.WriteWindowsAsync([new PairedWindow(Messages.Ecg(0), null, 0, true, [])], CancellationToken.None);

        Assert.Empty(await RecordingReader.ReadAsync(_directory));

        await segment.DisposeAsync();
        Assert.Single(await RecordingReader.ReadAsync(_directory));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
