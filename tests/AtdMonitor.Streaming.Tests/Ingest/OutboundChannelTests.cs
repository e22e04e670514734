using AtdMonitor.Protocol.Topics;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Tests.Ingest;

public sealed class OutboundChannelTests : IDisposable
{
    private const int Capacity = 8;

    private readonly TestMetrics _metrics = new();
    private readonly OutboundChannel _outbound;

    public OutboundChannelTests() =>
        _outbound = new OutboundChannel(Options.Create(new MqttOptions { DeadLetterQueueCapacity = Capacity }), _metrics.Pipeline, NullLogger<OutboundChannel>.Instance);

    [Fact]
    public void With_nobody_reading_a_flood_of_dead_letters_keeps_only_the_newest_and_counts_the_rest_as_dropped()
    {
        const int Extra = 5;
        for (var i = 0; i < Capacity + Extra; i++)
        {
            _outbound.EnqueueDeadLetter(DeadLetter(i));
        }

        Assert.Equal(Capacity, _outbound.Count);
        Assert.Equal(Extra, _metrics.Pipeline.Snapshot(DateTimeOffset.UnixEpoch).DeadLettersDropped);
        Assert.Equal(Enumerable.Range(Extra, Capacity), DrainAll().Select(m => (int)m.Payload[0]));
    }

    [Fact]
    public void Alerts_enqueued_after_many_dead_letters_are_read_first_and_none_is_dropped_past_the_dead_letter_capacity()
    {
        const int Alerts = 3 * Capacity;
        for (var i = 0; i < 3 * Capacity; i++)
        {
            _outbound.EnqueueDeadLetter(DeadLetter(i));
        }

        for (var i = 0; i < Alerts; i++)
        {
            _outbound.EnqueueAlert(new OutboundMessage(AtdTopics.Alert("bed-1"), [(byte)i]));
        }

        var read = DrainAll();

        Assert.Equal(Enumerable.Range(0, Alerts), read.Take(Alerts).Select(m => (int)m.Payload[0]));
        Assert.All(read.Take(Alerts), m => Assert.Equal(AtdTopics.Alert("bed-1"), m.Topic));
        Assert.Equal(Enumerable.Range(2 * Capacity, Capacity), read.Skip(Alerts).Select(m => (int)m.Payload[0]));
        Assert.Equal(2 * Capacity, _metrics.Pipeline.Snapshot(DateTimeOffset.UnixEpoch).DeadLettersDropped);
    }

    [Fact]
    public void A_dead_letter_dropped_while_it_was_being_published_does_not_take_the_next_one_with_it()
    {
        for (var i = 0; i < Capacity; i++)
        {
            _outbound.EnqueueDeadLetter(DeadLetter(i));
        }

        Assert.True(_outbound.TryPeek(out var beingPublished));
        _outbound.EnqueueDeadLetter(DeadLetter(Capacity));
        _outbound.Remove(beingPublished);

        Assert.Equal(Enumerable.Range(1, Capacity), DrainAll().Select(m => (int)m.Payload[0]));
    }

    [Fact]
    public void The_alerts_waiting_not_the_dead_letters_are_reported_as_unpublished_until_each_is_published()
    {
        var alerts = new[] { new OutboundMessage(AtdTopics.Alert("bed-1"), [1]), new OutboundMessage(AtdTopics.Alert("bed-2"), [2]) };
        _outbound.EnqueueDeadLetter(DeadLetter(0));
        foreach (var alert in alerts)
        {
            _outbound.EnqueueAlert(alert);
        }

        Assert.Equal(2, _metrics.Pipeline.UnpublishedAlerts);
        _outbound.Remove(alerts[0]);
        Assert.Equal(1, _metrics.Pipeline.UnpublishedAlerts);
        _outbound.Remove(alerts[1]);
        Assert.Equal(0, _metrics.Pipeline.UnpublishedAlerts);
    }

    [Fact]
    public void A_held_topic_is_passed_over_in_order_and_its_later_messages_wait_behind_its_oldest()
    {
        var refused = new[] { Alert("bed-1", 0), Alert("bed-1", 1) };
        var other = Alert("bed-2", 2);
        _outbound.EnqueueAlert(refused[0]);
        _outbound.EnqueueAlert(other);
        _outbound.EnqueueAlert(refused[1]);
        _outbound.EnqueueDeadLetter(DeadLetter(3));
        var held = new HashSet<string> { AtdTopics.Alert("bed-1") };

        Assert.True(_outbound.TryPeek(out var first, held));
        Assert.Same(other, first);
        _outbound.Remove(first);
        Assert.True(_outbound.TryPeek(out var second, held));
        Assert.Equal(AtdTopics.DeadLetter, second.Topic);
        _outbound.Remove(second);
        Assert.False(_outbound.TryPeek(out _, held));

        Assert.Equal(refused, DrainAll());
    }

    [Fact]
    public void A_topic_the_broker_refuses_for_good_is_bounded_and_other_beds_alerts_keep_their_places()
    {
        const int AlertCapacity = 10;
        using var metrics = new TestMetrics();
        var outbound = new OutboundChannel(Options.Create(new MqttOptions { AlertQueueCapacity = AlertCapacity }), metrics.Pipeline, NullLogger<OutboundChannel>.Instance);
        var others = Enumerable.Range(0, 4).Select(i => Alert("bed-2", i)).ToList();
        others.ForEach(outbound.EnqueueAlert);
        var refused = Enumerable.Range(100, 20).Select(i => Alert("bed-1", i)).ToList();
        refused.ForEach(outbound.EnqueueAlert);
        var late = Alert("bed-3", 200);
        outbound.EnqueueAlert(late);

        Assert.Equal(AlertCapacity, outbound.AlertCount);
        Assert.Equal(refused.Count + others.Count + 1 - AlertCapacity, metrics.Pipeline.UnpublishedAlertsDropped);
        var held = new HashSet<string> { AtdTopics.Alert("bed-1") };
        var published = new List<OutboundMessage>();
        while (outbound.TryPeek(out var message, held))
        {
            outbound.Remove(message);
            published.Add(message);
        }

        Assert.Equal([.. others, late], published);
        Assert.Equal(refused.TakeLast(AlertCapacity - others.Count - 1), DrainAll(outbound));
    }

    [Fact]
    public async Task Waiting_to_read_completes_when_a_message_arrives()
    {
        var waiting = _outbound.WaitToReadAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        _outbound.EnqueueDeadLetter(DeadLetter(0));

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public void Dispose() => _metrics.Dispose();

    private static OutboundMessage Alert(string bed, int i) => new(AtdTopics.Alert(bed), [(byte)i]);

    private static OutboundMessage DeadLetter(int i) => new(AtdTopics.DeadLetter, [(byte)i]);

    private List<OutboundMessage> DrainAll() => DrainAll(_outbound);

    private static List<OutboundMessage> DrainAll(OutboundChannel outbound)
    {
        var read = new List<OutboundMessage>();
        while (outbound.TryPeek(out var message))
        {
            read.Add(message);
            outbound.Remove(message);
        }

        return read;
    }
}
