using System.Buffers;
using AtdMonitor.Streaming.Ingest;

namespace AtdMonitor.Streaming.Tests.Ingest;

public sealed class RoundTripProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 18, 0, 0, TimeSpan.Zero);

    private readonly RoundTripProbe _probe = new(Timeout);

    public RoundTripProbeTests() => _probe.Restart();

    [Fact]
    public void A_probe_not_back_is_overdue_only_once_the_timeout_has_passed_since_it_was_sent()
    {
        _probe.Next(Start);
        _probe.Next(Start.AddSeconds(5));

        Assert.False(_probe.IsOverdue(Start.AddSeconds(14.9)));
        Assert.True(_probe.IsOverdue(Start.Add(Timeout)));
    }

    [Fact]
    public void A_probe_that_comes_back_answers_itself_and_every_earlier_one_lost_on_the_way()
    {
        _probe.Next(Start);
        var second = _probe.Next(Start.AddSeconds(5));
        _probe.Next(Start.AddSeconds(10));

        _probe.Returned(new ReadOnlySequence<byte>(second));

        Assert.False(_probe.IsOverdue(Start.AddSeconds(20)));
        Assert.True(_probe.IsOverdue(Start.AddSeconds(25)));
    }

    [Fact]
    public void Nothing_is_overdue_before_the_first_probe_or_once_every_probe_is_back()
    {
        Assert.False(_probe.IsOverdue(Start.AddHours(1)));

        _probe.Returned(new ReadOnlySequence<byte>(_probe.Next(Start)));

        Assert.False(_probe.IsOverdue(Start.AddHours(1)));
    }

    [Fact]
    public void A_completed_round_trip_is_remembered_across_connections_and_a_forged_probe_does_not_count_as_one()
    {
        var current = _probe.Next(Start);
        var forged = (byte[])current.Clone();
        forged[0] ^= 1;

        _probe.Returned(new ReadOnlySequence<byte>(forged));
        Assert.False(_probe.HasCompletedARoundTrip);

        _probe.Returned(new ReadOnlySequence<byte>(current));
        _probe.Restart();
        Assert.True(_probe.HasCompletedARoundTrip);
    }

    [Fact]
    public void A_probe_of_an_earlier_connection_a_number_never_sent_or_a_payload_of_another_length_answers_nothing()
    {
        var earlier = _probe.Next(Start);
        _probe.Restart();
        var current = _probe.Next(Start);
        var neverSent = (byte[])current.Clone();
        neverSent[RoundTripProbe.Length - 8] = 2;

        _probe.Returned(new ReadOnlySequence<byte>(earlier));
        _probe.Returned(new ReadOnlySequence<byte>(neverSent));
        _probe.Returned(new ReadOnlySequence<byte>(current.AsMemory(0, RoundTripProbe.Length - 1)));
        _probe.Returned(new ReadOnlySequence<byte>([.. current, 0]));

        Assert.True(_probe.IsOverdue(Start.Add(Timeout)));
    }
}
