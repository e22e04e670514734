using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Tests.EndToEnd;
using AtdMonitor.Streaming.Tests.Support;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Streaming.Tests.Pipeline;

/// <summary>The whole beat pipeline on a virtual clock with a classifier that needs no model.</summary>
public sealed class BeatPipelineTests : IDisposable
{
    private const int Seconds = 20;
    private readonly MitBihWindows _a = new(Path.Combine(TestData.Samples, "mitdb"), "100", "bed-a", Messages.Start);
    private readonly MitBihWindows _b = new(Path.Combine(TestData.Samples, "mitdb"), "119", "bed-b", Messages.Start);
    private readonly PipelineUnderTest _pipeline = new();

    [Fact]
    public void Every_beds_beats_come_out_classified_in_order_without_a_broker_or_a_checkpoint()
    {
        for (var second = 0; second < Seconds; second++)
        {
            _pipeline.Post(_a.Ecg(second), _a.Image(second));
            _pipeline.Post(_b.Ecg(second), _b.Image(second));
        }

        foreach (var record in new[] { _a, _b })
        {
            var beats = _pipeline.Beats.Where(beat => beat.Bed == record.Bed).ToList();
            Assert.InRange(beats.Count, record.ReferenceBeats(0, Seconds * 360) - 4, record.ReferenceBeats(0, Seconds * 360));
            Assert.Equal(beats.Select(beat => beat.RPeakSample).Order(), beats.Select(beat => beat.RPeakSample));
        }

        Assert.Equal(2 * Seconds, _pipeline.Windows.Count);
        Assert.True(_pipeline.Windows.First(window => window.Bed == "bed-a").FollowsGap);
    }

    [Fact]
    public void A_window_that_breaks_one_beds_beat_finder_resets_that_bed_is_dead_lettered_and_leaves_the_other_bed_alone()
    {
        for (var second = 0; second < Seconds; second++)
        {
            if (second == 8)
            {
                // An image whose values do not fill its shape (the codec never lets one through): the strip throws.
                _pipeline.Post(_a.Ecg(second), _a.Image(second) with { Values = new float[10] });
            }
            else
            {
                _pipeline.Post(_a.Ecg(second), _a.Image(second));
            }

            _pipeline.Post(_b.Ecg(second), _b.Image(second));
        }

        Assert.Equal(1, _pipeline.Metrics.Pipeline.Snapshot(Messages.Start).BedFaults);
        Assert.True(_pipeline.Outbound.TryPeek(out var deadLetter));
        Assert.Contains("bed-a", System.Text.Encoding.UTF8.GetString(deadLetter.Payload), StringComparison.Ordinal);
        Assert.InRange(_pipeline.Beats.Count(beat => beat.Bed == "bed-b"), _b.ReferenceBeats(0, Seconds * 360) - 4, _b.ReferenceBeats(0, Seconds * 360));
        Assert.Contains(_pipeline.Beats, beat => beat.Bed == "bed-a" && beat.RPeakSample > 12 * 360);
        Assert.True(_pipeline.Windows.Single(window => window.Bed == "bed-a" && window.Sequence == 9).FollowsGap);
    }

    [Fact]
    public void When_the_classifier_fails_for_a_batch_the_windows_still_come_out_and_the_next_batches_are_classified()
    {
        _pipeline.Classifier.FailFor = "bed-a";
        for (var second = 0; second < Seconds; second++)
        {
            _pipeline.Post(_a.Ecg(second), _a.Image(second));
            if (second == 10)
            {
                _pipeline.Classifier.FailFor = null;
            }
        }

        Assert.Equal(Seconds, _pipeline.Windows.Count);
        Assert.Contains(_pipeline.Beats, beat => beat.RPeakSample > 12 * 360);
        Assert.DoesNotContain(_pipeline.Beats, beat => beat.RPeakSample < 9 * 360);
    }

    [Fact]
    public void An_idle_bed_is_evicted_and_its_state_released_and_a_later_window_starts_it_afresh()
    {
        for (var second = 0; second < 5; second++)
        {
            _pipeline.Post(_a.Ecg(second), _a.Image(second));
        }

        Assert.Equal(1, _pipeline.Beds.Count);
        _pipeline.Clock.AdvanceBy(_pipeline.Options.EvictIdleBedsAfter + TimeSpan.FromSeconds(1));

        Assert.Equal(["bed-a"], _pipeline.Evictions);
        Assert.Equal((0, 1L), (_pipeline.Beds.Count, _pipeline.Metrics.Pipeline.Snapshot(Messages.Start).BedsEvicted));
        _pipeline.Post(_a.Ecg(40), _a.Image(40));
        Assert.Equal(1, _pipeline.Beds.Count);
        Assert.True(_pipeline.Windows.Last().FollowsGap);
    }

    [Fact]
    public void A_windows_receipt_is_released_only_after_the_warm_up_of_later_windows_and_after_a_restart_all_are_released()
    {
        var receipts = Enumerable.Range(0, Seconds).Select(_ => new CountingReceipt()).ToList();
        for (var second = 0; second < Seconds; second++)
        {
            _pipeline.Post(_a.Ecg(second), _a.Image(second), receipts[second]);
        }

        var released = _pipeline.Ledger.TakeReleased();
        Assert.Equal(2 * (Seconds - BedBeatTracker.WarmUpWindows), released.Count);
        Assert.Equal(2 * BedBeatTracker.WarmUpWindows, _pipeline.Ledger.Held);
        Assert.Equal(2 * BedBeatTracker.WarmUpWindows, _pipeline.Ledger.TakeReleased(everything: true).Count);
    }

    public void Dispose() => _pipeline.Dispose();
}
