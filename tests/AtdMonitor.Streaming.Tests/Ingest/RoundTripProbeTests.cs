using System.Buffers;
using AtdMonitor.Streaming.Ingest;

namespace AtdMonitor.Streaming.Tests.Ingest;

public sealed class RoundTripProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 18, 0, 0, TimeSpan.Zero);

    private readonly RoundTripProbe _probe = new(Timeout, Start);

    [Fact]
    public void A_probe_not_back_is_overdue_once_the_timeout_less_the_tolerance_has_passed_since_it_was_sent()
    {
        _probe.Next(Start);
        _probe.Next(Start.AddSeconds(5));

        Assert.False(_probe.IsOverdue(Start.AddSeconds(14.9), TimeSpan.Zero));
        Assert.True(_probe.IsOverdue(Start.Add(Timeout), TimeSpan.Zero));
        Assert.True(_probe.IsOverdue(Start.AddSeconds(12.5), TimeSpan.FromSeconds(2.5)));
    }

    [Fact]
    public void A_probe_that_comes_back_answers_itself_and_every_earlier_one_lost_on_the_way()
    {
        _probe.Next(Start);
        var second = _probe.Next(Start.AddSeconds(5));
        _probe.Next(Start.AddSeconds(10));

        _probe.Returned(new ReadOnlySequence<byte>(second), Start.AddSeconds(6));

        Assert.False(_probe.IsOverdue(Start.AddSeconds(20), TimeSpan.Zero));
        Assert.True(_probe.IsOverdue(Start.AddSeconds(25), TimeSpan.Zero));
        Assert.True(_probe.HasCompletedARoundTrip);
    }

    [Fact]
    public void It_tells_whether_a_probe_sent_after_a_given_one_has_come_back_and_forgets_it_on_a_new_connection()
    {
        _probe.Next(Start);
        var before = _probe.Sent;
        _probe.Next(Start.AddSeconds(5));
        var third = _probe.Next(Start.AddSeconds(10));

        Assert.Equal(1, before);
        Assert.False(_probe.HasReturnedAfter(before));
        _probe.Returned(new ReadOnlySequence<byte>(third), Start.AddSeconds(11));
        Assert.True(_probe.HasReturnedAfter(before + 1));
        Assert.False(_probe.HasReturnedAfter(3));

        _probe.Restart(Start.AddSeconds(12));
        Assert.Equal(0, _probe.Sent);
        Assert.False(_probe.HasReturnedAfter(0));
    }

    [Fact]
    public void A_late_probe_is_not_overdue_while_other_messages_keep_coming_in()
    {
        _probe.Next(Start);
        _probe.Inbound(Start.AddSeconds(10));

        Assert.False(_probe.IsOverdue(Start.AddSeconds(20), TimeSpan.Zero));
        Assert.True(_probe.IsOverdue(Start.AddSeconds(25), TimeSpan.Zero));
    }

    [Fact]
    public void Nothing_is_overdue_before_the_first_probe_or_once_every_probe_is_back()
    {
        Assert.False(_probe.IsOverdue(Start.AddHours(1), TimeSpan.Zero));

        _probe.Returned(new ReadOnlySequence<byte>(_probe.Next(Start)), Start);

        Assert.False(_probe.IsOverdue(Start.AddHours(1), TimeSpan.Zero));
    }

    [Fact]
    public void A_new_connection_starts_unconfirmed_and_a_forged_probe_does_not_confirm_it()
    {
        _probe.Returned(new ReadOnlySequence<byte>(_probe.Next(Start)), Start);
        _probe.Restart(Start.AddSeconds(1));
        Assert.False(_probe.HasCompletedARoundTrip);

        var current = _probe.Next(Start.AddSeconds(1));
        var forged = (byte[])current.Clone();
        forged[0] ^= 1;
        _probe.Returned(new ReadOnlySequence<byte>(forged), Start.AddSeconds(2));
        Assert.False(_probe.HasCompletedARoundTrip);

        _probe.Returned(new ReadOnlySequence<byte>(current), Start.AddSeconds(2));
        Assert.True(_probe.HasCompletedARoundTrip);
    }

    [Fact]
    public void A_probe_of_an_earlier_connection_a_number_never_sent_or_a_payload_of_another_length_answers_nothing()
    {
        var earlier = _probe.Next(Start);
        _probe.Restart(Start);
        var current = _probe.Next(Start);
        var neverSent = (byte[])current.Clone();
        neverSent[RoundTripProbe.Length - 8] = 2;

        _probe.Returned(new ReadOnlySequence<byte>(earlier), Start);
        _probe.Returned(new ReadOnlySequence<byte>(neverSent), Start);
        _probe.Returned(new ReadOnlySequence<byte>(current.AsMemory(0, RoundTripProbe.Length - 1)), Start);
        _probe.Returned(new ReadOnlySequence<byte>([.. current, 0]), Start);

        Assert.True(_probe.IsOverdue(Start.Add(Timeout), TimeSpan.Zero));
        Assert.False(_probe.HasCompletedARoundTrip);
    }

    [Fact]
    public void Probes_that_never_come_back_are_kept_to_a_bounded_number_and_the_oldest_kept_is_still_overdue()
    {
        for (var i = 0; i < 1000; i++)
        {
            _probe.Next(Start.AddSeconds(5 * i));
        }

        var newest = Start.AddSeconds(5 * 999);
        Assert.True(_probe.IsOverdue(newest, TimeSpan.Zero));
        Assert.False(_probe.IsOverdue(Start.AddSeconds(5 * (1000 - 64)).AddSeconds(14), TimeSpan.Zero));
    }
}
