using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using AtdMonitor.Protocol.Messages;
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
    private readonly IDisposable _subscription;
    private bool _completed;

    public SequencePairingTests()
    {
        _subscription = _input.PairBySequence(new PairingSettings(TimeSpan.FromSeconds(2), ReorderWindow: 3), _clock, _counters)
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
    public void Each_bed_is_paired_on_its_own()
    {
        using var mixed = new Subject<WireMessage>();
        using var subscription = mixed.PairPerBed(new PairingSettings(TimeSpan.FromSeconds(2), 3), _clock, _counters).Subscribe(_output.Add);
        mixed.OnNext(Messages.Ecg(5, "a"));
        mixed.OnNext(Messages.Ecg(0, "b"));
        mixed.OnNext(Messages.Image(0, "b"));
        mixed.OnNext(Messages.Image(5, "a"));

        Assert.Equal(["b", "a"], _output.Select(w => w.Bed));
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _input.Dispose();
    }
}
