using AtdMonitor.Data.Beats;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Tests.EndToEnd;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Streaming.Tests.Beats;

public sealed class SecondDetectorCheckTests
{
    [Fact]
    public void Every_beat_the_beat_extractor_releases_after_learning_is_far_enough_past_for_the_second_detector_to_judge()
    {
        // The worker checks each beat as the extractor releases it; a check made too early would say "cannot tell", and
        // the lead-1 confirmation and the signal-quality check would quietly switch themselves off.
        var record = new MitBihWindows(Path.Combine(TestData.Samples, "mitdb"), "100", "bed-100", Support.Messages.Start);
        var extractor = new StreamingBeatExtractor(BeatSpec.SampleRate);
        var check = new SecondDetectorCheck();
        var found = new List<ExtractedBeat>();
        var judged = new List<bool?>();

        for (var sequence = 0; sequence < 60; sequence++)
        {
            var lead0 = record.Ecg(sequence).Lead(0).ToArray();
            found.Clear();
            check.Push(lead0);
            extractor.Push(lead0, found);
            judged.AddRange(found.Where(beat => beat.RPeakSample >= 3 * BeatSpec.SampleRate).Select(beat => check.Judge(beat.RPeakSample)));
        }

        Assert.True(judged.Count > 60, $"{judged.Count} beats");
        Assert.All(judged, verdict => Assert.True(verdict, "a beat the second detector could not judge, or did not find"));
    }
}
