using AtdMonitor.Data.Spectrograms;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Simulator.Beds;
using AtdMonitor.Simulator.Replay;

namespace AtdMonitor.Simulator.Tests;

public sealed class ReplayEngineTests
{
    private const int Window = WireWindow.SamplesPerWindow;

    [Fact]
    public async Task The_windows_of_a_bed_reassemble_to_the_record_samples_across_the_loop_seam()
    {
        var record = SyntheticRecords.Create("900", (6 * Window) + 100);
        var bed = new BedAssignment("bed0001", record, StartSample: 4 * Window);
        var messages = await ReplayAsync([bed], windows: 9);

        var ecg = Decode<EcgWindow>(messages).ToList();
        Assert.Equal(Enumerable.Range(0, 9).Select(n => (long)n), ecg.Select(w => w.Sequence));
        for (var i = 0; i < 9 * Window; i++)
        {
            var recordSample = ((4 * Window) + i) % (6 * Window);
            var window = ecg[i / Window];
            Assert.Equal(record.Lead0[recordSample], window.Lead(0)[i % Window]);
            Assert.Equal(record.Lead1[recordSample], window.Lead(1)[i % Window]);
        }
    }

    [Fact]
    public async Task In_the_leads_off_stretch_every_lead_is_reported_off_and_carries_a_near_flat_trace()
    {
        var bed = new BedAssignment("bed0001", SyntheticRecords.Create("900", 20 * Window), StartSample: 0);

        var ecg = Decode<EcgWindow>(await ReplayAsync([bed], windows: 8, leadsOff: (3, 6))).ToList();

        Assert.Equal([0, 0, 0, 3, 3, 3, 0, 0], ecg.Select(w => (int)w.LeadsOff));
        Assert.All(ecg.Where(w => w.LeadsOff != 0), w => Assert.InRange(w.Samples.Max() - w.Samples.Min(), 0.001f, 0.05f));
    }

    [Theory]
    [InlineData(10, 10)]
    [InlineData(-1, 5)]
    public void A_leads_off_stretch_that_is_empty_or_starts_before_the_stream_is_refused(int from, int to)
    {
        var options = new ReplayOptions { LeadsOff = (from, to) };

        var problem = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith("--leads-off must be FROM-TO seconds", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_image_holds_its_forty_columns_of_the_continuous_spectrogram_of_the_bed_second_lead()
    {
        var record = SyntheticRecords.Create("901", (6 * Window) + 100);
        var beds = new[] { new BedAssignment("bed0001", record, 0), new BedAssignment("bed0002", record, 2 * Window) };
        var messages = await ReplayAsync(beds, windows: 8);

        foreach (var bed in beds)
        {
            // The bed's own stream, looped over whole windows, is what the worker stitches back together; the last
            // window's frames reach into the next window, which the device has (it sends with that look-ahead).
            var stream = Enumerable.Range(0, 9 * Window).Select(i => record.Lead1[bed.RecordSample(i)]).ToArray();
            var images = Decode<SpectrogramWindow>(messages).Where(m => m.Bed == bed.Bed).ToList();
            Assert.Equal(8, images.Count);
            foreach (var image in images)
            {
                var expected = new float[SpectrogramSpec.Rows * SpectrogramSpec.ColumnsPerWindow];
                StftSpectrogram.Compute(stream, image.Sequence * SpectrogramSpec.ColumnsPerWindow, SpectrogramSpec.ColumnsPerWindow, expected);
                Assert.Equal((SpectrogramSpec.Rows, SpectrogramSpec.ColumnsPerWindow), (image.Rows, image.Columns));
                for (var i = 0; i < expected.Length; i++)
                {
                    Assert.Equal(expected[i], image.Values[i], 5);
                }
            }
        }
    }

    [Fact]
    public async Task Truth_messages_carry_the_reference_beats_at_stream_sample_indices()
    {
        var record = SyntheticRecords.Create("902", 6 * Window);
        var bed = new BedAssignment("bed0001", record, StartSample: Window);
        var messages = await ReplayAsync([bed], windows: 3, truth: true);

        var truth = Decode<TruthMessage>(messages).SelectMany(t => t.Annotations).ToList();
        var expected = record.BeatSamples.Select((s, i) => (Sample: s - Window, Symbol: record.BeatSymbols[i]))
            .Where(b => b.Sample >= 0 && b.Sample < 3 * Window)
            .Select(b => new TruthAnnotation(b.Sample, b.Symbol));
        Assert.Equal(expected, truth);
    }

    [Fact]
    public async Task Paced_replay_takes_the_signal_time_divided_by_the_speed()
    {
        var record = SyntheticRecords.Create("903", 10 * Window);
        using var engine = new ReplayEngine([new BedAssignment("bed0001", record, 0)], new CapturingPublisher(), new ReplayOptions { Windows = 5, Speed = 10 });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await engine.RunAsync(CancellationToken.None);

        // Window n is due at n / speed: the last of five at 0.4 s; ignoring the speed would take 4 s. The upper
        // bound leaves room for a busy machine (CI shares two cores with builds).
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.39, 3.9);
        Assert.Equal(10, engine.Statistics.Published);
    }

    [Fact]
    public async Task With_a_shard_count_every_message_of_a_bed_goes_to_that_bed_shard_topic()
    {
        var record = SyntheticRecords.Create("902", 4 * Window);
        var beds = Enumerable.Range(0, 8).Select(i => new BedAssignment($"bed{i:D4}", record, 0)).ToArray();
        var messages = await ReplayAsync(beds, windows: 2, truth: true, shardCount: 3);

        Assert.All(messages, m =>
        {
            var bed = WireCodec.Decode(m.Payload).Id;
            Assert.StartsWith($"atd/v1/shard/{TopicSharding.ShardOf(bed, 3)}/{bed}/", m.Topic, StringComparison.Ordinal);
        });
        Assert.Equal(3, messages.Select(m => m.Topic.Split('/')[3]).Distinct().Count());
    }

    internal static async Task<IReadOnlyList<(string Topic, byte[] Payload)>> ReplayAsync(IReadOnlyList<BedAssignment> beds, int windows, bool truth = false, int shardCount = 1,
        (int From, int To)? leadsOff = null)
    {
        var publisher = new CapturingPublisher();
        using var engine = new ReplayEngine(beds, publisher, new ReplayOptions { Windows = windows, AsFastAsPossible = true, SendTruth = truth, ShardCount = shardCount, LeadsOff = leadsOff });
        await engine.RunAsync(CancellationToken.None);
        return [.. publisher.Messages];
    }

    internal static IEnumerable<T> Decode<T>(IEnumerable<(string Topic, byte[] Payload)> messages)
        where T : WireMessage => messages.Select(m => WireCodec.Decode(m.Payload)).OfType<T>();
}
