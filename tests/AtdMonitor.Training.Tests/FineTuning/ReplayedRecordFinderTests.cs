using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Recordings;
using AtdMonitor.Data.Wfdb;
using AtdMonitor.Tests.Shared;
using AtdMonitor.Training.FineTuning;

namespace AtdMonitor.Training.Tests.FineTuning;

public sealed class ReplayedRecordFinderTests
{
    private static readonly string Mitdb = Path.Combine(TestData.Samples, "mitdb");

    [Fact]
    public void Stretches_replaying_bundled_records_from_any_offset_are_named_and_an_unknown_signal_is_not()
    {
        var stretches = new[]
        {
            Stretch("bed-1", Lead0("119"), 1000 * 360, 20 * 360),
            Stretch("bed-2", Lead0("233"), 77, 5 * 360),
            Stretch("bed-3", [.. Enumerable.Range(0, 5 * 360).Select(i => MathF.Sin(i / 10f))], 0, 5 * 360),
            Stretch("bed-4", Int16Wire(Lead0("208").AsSpan(360 * 300, 360 * 5).ToArray()), 0, 5 * 360),
        };

        Assert.Equal(["119", "208", "233"], new ReplayedRecordFinder(Mitdb).Find(stretches));
    }

    [Fact]
    public void A_flat_stretch_or_a_sample_off_by_more_than_the_int16_wire_step_is_not_taken_for_a_record()
    {
        var lead = Lead0("100");
        var shifted = lead.AsSpan(360 * 50, 360 * 5).ToArray();
        for (var i = 0; i < shifted.Length; i += 16)
        {
            shifted[i] += 0.01f; // well past the int16 format's step (at most 5 mV / 32767)
        }

        var stretches = new[] { Stretch("bed-1", new float[5 * 360], 0, 5 * 360), Stretch("bed-2", shifted, 0, 5 * 360) };

        Assert.Empty(new ReplayedRecordFinder(Mitdb).Find(stretches));
    }

    private static float[] Lead0(string record)
    {
        var wfdb = WfdbReader.ReadRecord(Mitdb, record);
        return wfdb.ToMillivolts(BeatDatasetBuilder.LeadsOf(wfdb).Lead0);
    }

    /// <summary>The samples as the int16 wire format carries them: scaled by the peak, rounded to 16 bits.</summary>
    private static float[] Int16Wire(float[] samples)
    {
        var scale = samples.Max(MathF.Abs) / short.MaxValue;
        return [.. samples.Select(v => MathF.Round(v / scale) * scale)];
    }

    private static RecordedStretch Stretch(string bed, float[] lead, int start, int length) =>
        new(bed, 0, 360, DateTimeOffset.UnixEpoch, 0, [lead.AsSpan(start, length).ToArray()], 0, 0, [], [], []);
}
