using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Pairing;
using AtdMonitor.Streaming.Tests.Support;

namespace AtdMonitor.Streaming.Tests.Pairing;

/// <summary>The pairing operator on a virtual clock (System.Reactive's HistoricalScheduler, a TestScheduler without the recorders).</summary>
public sealed class SequencePairingTests : IDisposable
{
    private readonly HistoricalScheduler _clock = new(Messages.Start);
    private readonly Subject<WireMessage> _input = new();
    private readonly List<PairedWindow> _output = [];
    private readonly PairingCounters _counters = new();
    private readonly List<IMessageReceipt> _discarded = [];
    private readonly IDisposable _subscription;
    private bool _completed;

    public SequencePairingTests()
    {
        _subscription = _input.Select(message => new AdmittedMessage(message, new CountingReceipt()))
            .PairBySequence(new PairingSettings(TimeSpan.FromSeconds(2), ReorderWindow: 3, _discarded.Add), _clock, _counters)
            .Subscribe(_output.Add, () => _completed = true);
    }

    [Fact]
    public void An_ecg_window_and_its_image_are_paired_whichever_comes_first()
    {
        _input.OnNext(Messages.Ecg(0));
        _input.OnNext(Messages.Image(0));
        _input.OnNext(Messages.Image(1));
        _input.OnNext(Messages.Ecg(1));

        Assert.Equal([0L, 1L], _output.Select(w => w.Sequence));
        Assert.All(_output, w => Assert.False(w.ImageMissing));
        Assert.Equal(2, _counters.Paired);
    }

    [Fact]
    public void Windows_that_arrive_out_of_order_are_emitted_in_sequence_order()
    {
        _input.OnNext(Messages.Ecg(0));
        _input.OnNext(Messages.Image(0));
        _input.OnNext(Messages.Ecg(2));
        _input.OnNext(Messages.Image(2));
        _input.OnNext(Messages.Image(1));
        Assert.Single(_output);

        _input.OnNext(Messages.Ecg(1));

        Assert.Equal([0L, 1L, 2L], _output.Select(w => w.Sequence));
    }

    [Fact]
    public void Duplicates_and_late_copies_are_dropped_and_counted()
    {
        _input.OnNext(Messages.Ecg(0));
        _input.OnNext(Messages.Ecg(0));
        _input.OnNext(Messages.Image(0));
        _input.OnNext(Messages.Image(0));
        _input.OnNext(Messages.Ecg(0));

        Assert.Single(_output);
        Assert.Equal(1, _counters.Duplicates);
        Assert.Equal(2, _counters.Late);
    }

    [Fact]
    public void An_image_that_never_comes_times_out_and_the_ecg_goes_on_alone()
    {
        _input.OnNext(Messages.Ecg(0));
        _clock.AdvanceBy(TimeSpan.FromSeconds(1.9));
        Assert.Empty(_output);

        _clock.AdvanceBy(TimeSpan.FromSeconds(0.2));

        var window = Assert.Single(_output);
        Assert.True(window.ImageMissing);
        Assert.Equal(1, _counters.ImageMissing);
    }

    [Fact]
    public void An_image_that_comes_after_its_window_timed_out_is_dropped_as_late()
    {
        _input.OnNext(Messages.Ecg(0));
        _clock.AdvanceBy(TimeSpan.FromSeconds(3));

        _input.OnNext(Messages.Image(0));

        Assert.Single(_output);
        Assert.Equal(1, _counters.Late);
    }

    [Fact]
    public void An_image_whose_ecg_never_comes_is_dropped_as_orphan()
    {
        _input.OnNext(Messages.Image(0));
        _clock.AdvanceBy(TimeSpan.FromSeconds(3));

        Assert.Empty(_output);
        Assert.Equal(1, _counters.OrphanImages);
    }

    [Fact]
    public void A_missing_sequence_number_is_waited_for_then_skipped_as_a_gap()
    {
        _input.OnNext(Messages.Ecg(0));
        _input.OnNext(Messages.Image(0));
        _input.OnNext(Messages.Ecg(2));
        _input.OnNext(Messages.Image(2));
        _clock.AdvanceBy(TimeSpan.FromSeconds(1));
        Assert.Single(_output);

        _clock.AdvanceBy(TimeSpan.FromSeconds(1.5));

        Assert.Equal([0L, 2L], _output.Select(w => w.Sequence));
        Assert.Equal(1, _counters.GapWindows);
    }

    [Fact]
    public void A_gap_is_skipped_at_once_when_more_windows_than_the_reorder_window_wait_behind_it()
    {
        _input.OnNext(Messages.Ecg(0));
        _input.OnNext(Messages.Image(0));
        for (var sequence = 2; sequence <= 5; sequence++)
        {
            _input.OnNext(Messages.Ecg(sequence));
            _input.OnNext(Messages.Image(sequence));
        }

        Assert.Equal([0L, 2L, 3L, 4L, 5L], _output.Select(w => w.Sequence));
    }

    [Fact]
    public void Completion_flushes_waiting_windows_without_their_images()
    {
        _input.OnNext(Messages.Ecg(0));
        _input.OnNext(Messages.Ecg(1));
        _input.OnNext(Messages.Image(1));

        _input.OnCompleted();

        Assert.Equal([true, false], _output.Select(w => w.ImageMissing));
        Assert.True(_completed);
    }

    [Fact]
    public void Emitted_windows_carry_the_receipts_of_both_halves_and_dropped_ones_are_handed_back()
    {
        _input.OnNext(Messages.Ecg(0));
        _input.OnNext(Messages.Image(0));
        _input.OnNext(Messages.Image(0));
        _input.OnNext(Messages.Ecg(0));

        Assert.Equal(2, Assert.Single(_output).Receipts.Count);
        Assert.Equal(2, _discarded.Count);
    }

    [Fact]
    public void A_device_that_restarts_its_numbering_is_a_new_epoch_not_late()
    {
        foreach (var sequence in Enumerable.Range(0, 50))
        {
            _input.OnNext(Messages.Ecg(sequence));
            _input.OnNext(Messages.Image(sequence));
        }

        var rebooted = Messages.Ecg(0) with { FirstSampleTime = Messages.Start.AddSeconds(60) };
        _input.OnNext(rebooted);
        _input.OnNext(Messages.Image(0));
        _input.OnNext(Messages.Ecg(1) with { FirstSampleTime = Messages.Start.AddSeconds(61) });
        _clock.AdvanceBy(TimeSpan.FromSeconds(3));

        Assert.Equal(52, _output.Count);
        Assert.Equal([1, 1], _output.Skip(50).Select(w => w.Epoch));
        Assert.True(_output[50].FollowsGap);
        Assert.Equal((1L, 0L), (_counters.Restarts, _counters.Late));
    }

    [Fact]
    public void After_a_restart_the_image_of_the_new_first_window_may_come_before_its_ecg_and_is_paired_with_it()
    {
        foreach (var sequence in Enumerable.Range(0, 50))
        {
            _input.OnNext(Messages.Ecg(sequence));
            _input.OnNext(Messages.Image(sequence));
        }

        _input.OnNext(Messages.Image(0) with { FirstSampleTime = Messages.Start.AddSeconds(60) });
        _input.OnNext(Messages.Ecg(0) with { FirstSampleTime = Messages.Start.AddSeconds(60) });

        var rebooted = Assert.Single(_output.Skip(50));
        Assert.NotNull(rebooted.Image);
        Assert.Equal((1, true), (rebooted.Epoch, rebooted.FollowsGap));
        Assert.Equal((1L, 0L), (_counters.Restarts, _counters.Late));
    }

    [Fact]
    public void One_window_numbered_far_ahead_and_timed_in_the_future_does_not_mute_the_bed()
    {
        _input.OnNext(Messages.Ecg(0));
        _input.OnNext(Messages.Image(0));
        _input.OnNext(Messages.Ecg(0) with { Sequence = 1_000_000_000_000, FirstSampleTime = Messages.Start.AddHours(12) });
        _clock.AdvanceBy(TimeSpan.FromSeconds(3));
        foreach (var sequence in Enumerable.Range(1, 5))
        {
            _input.OnNext(Messages.Ecg(sequence));
            _input.OnNext(Messages.Image(sequence));
        }

        Assert.Equal([0L, 1_000_000_000_000L, 1, 2, 3, 4, 5], _output.Select(w => w.Sequence));
        Assert.Equal(1, _counters.Restarts);
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _input.Dispose();
    }
}
