using System.Diagnostics.CodeAnalysis;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Health;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>
/// Alerts and dead letters waiting to be published, in two lanes; the publisher always gets a waiting alert before
/// any dead letter. Alerts wait for the broker up to <see cref="MqttOptions.AlertQueueCapacity"/> (each also goes to
/// the store); beyond it the oldest alert of the topic with the most waiting is dropped and counted, with one error line, so a
/// topic the broker refuses for good cannot grow memory or take other beds' places. Dead letters are bounded by
/// <see cref="MqttOptions.DeadLetterQueueCapacity"/>: when full the oldest is dropped and counted, with one warning
/// when dropping starts, so hostile input while the broker is unreachable cannot grow memory or delay an alert.
/// One reader (the publisher): <see cref="WaitToReadAsync"/>, then <see cref="TryPeek"/> and, once published,
/// <see cref="Remove"/>, so a message that fails to publish stays queued in its place. Order is kept per topic: the
/// reader may pass over the topics whose oldest message the broker refused, and a refused bed's alerts then wait
/// behind it while other beds' alerts go out.
/// </summary>
public sealed partial class OutboundChannel
{
    private readonly object _gate = new();
    private readonly LinkedList<OutboundMessage> _alerts = new();
    private readonly LinkedList<OutboundMessage> _deadLetters = new();
    private readonly Dictionary<string, int> _alertsPerTopic = new(StringComparer.Ordinal);
    private readonly int _alertCapacity;
    private readonly int _deadLetterCapacity;
    private readonly PipelineMetrics _metrics;
    private readonly ILogger<OutboundChannel> _logger;
    private TaskCompletionSource _arrived = NewSignal();
    private bool _droppingDeadLetters;
    private bool _droppingAlerts;

    public OutboundChannel(IOptions<MqttOptions> options, PipelineMetrics metrics, ILogger<OutboundChannel> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        _alertCapacity = options.Value.AlertQueueCapacity;
        _deadLetterCapacity = options.Value.DeadLetterQueueCapacity;
        _metrics = metrics;
        _logger = logger;
        metrics.ObserveUnpublishedAlerts(() => AlertCount);
    }

    /// <summary>Alerts and dead letters waiting.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _alerts.Count + _deadLetters.Count;
            }
        }
    }

    /// <summary>Alerts waiting.</summary>
    public int AlertCount
    {
        get
        {
            lock (_gate)
            {
                return _alerts.Count;
            }
        }
    }

    /// <summary>Queues an alert; when the lane is full, drops the oldest alert of the topic with the most waiting.</summary>
    public void EnqueueAlert(OutboundMessage alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        string? droppedTopic = null;
        var startedDropping = false;
        lock (_gate)
        {
            if (_alerts.Count >= _alertCapacity)
            {
                droppedTopic = _alertsPerTopic.MaxBy(t => t.Value).Key;
                var oldest = _alerts.First;
                while (oldest!.Value.Topic != droppedTopic)
                {
                    oldest = oldest.Next;
                }

                RemoveNode(_alerts, oldest);
                startedDropping = !_droppingAlerts;
                _droppingAlerts = true;
            }

            _alerts.AddLast(alert);
            _alertsPerTopic[alert.Topic] = _alertsPerTopic.GetValueOrDefault(alert.Topic) + 1;
            _arrived.TrySetResult();
        }

        if (droppedTopic is not null)
        {
            _metrics.CountUnpublishedAlertDropped();
        }

        if (startedDropping)
        {
            LogDroppingAlerts(_alertCapacity, droppedTopic!);
        }
    }

    /// <summary>Queues a dead letter; drops the oldest waiting one when the lane is full.</summary>
    public void EnqueueDeadLetter(OutboundMessage deadLetter)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        bool dropped;
        bool startedDropping;
        lock (_gate)
        {
            dropped = _deadLetters.Count >= _deadLetterCapacity;
            if (dropped)
            {
                _deadLetters.RemoveFirst();
            }

            startedDropping = dropped && !_droppingDeadLetters;
            _droppingDeadLetters |= dropped;
            _deadLetters.AddLast(deadLetter);
            _arrived.TrySetResult();
        }

        if (dropped)
        {
            _metrics.CountDeadLetterDropped();
        }

        if (startedDropping)
        {
            LogDroppingDeadLetters(_deadLetterCapacity);
        }
    }

    /// <summary>Completes when a message is waiting.</summary>
    public Task WaitToReadAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _alerts.Count + _deadLetters.Count > 0 ? Task.CompletedTask : NextArrivalUnderLock(cancellationToken);
        }
    }

    /// <summary>Completes when the next message is queued after this call (whether or not others wait): the reader of
    /// held topics wakes for a new one instead of sleeping out its back-off.</summary>
    public Task NextArrivalAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return NextArrivalUnderLock(cancellationToken);
        }
    }

    /// <summary>
    /// The next message to publish, left in place: the oldest alert, or when none waits the oldest dead letter; with
    /// <paramref name="heldTopics"/>, the oldest of a topic not held (a held topic's later messages wait behind it).
    /// </summary>
    public bool TryPeek([MaybeNullWhen(false)] out OutboundMessage message, IReadOnlySet<string>? heldTopics = null)
    {
        lock (_gate)
        {
            message = Oldest(_alerts, heldTopics) ?? Oldest(_deadLetters, heldTopics);
            return message is not null;
        }
    }

    /// <summary>Takes a published message off its lane. A dead letter dropped while it was being published is gone
    /// already, and nothing else is taken.</summary>
    public void Remove(OutboundMessage published)
    {
        lock (_gate)
        {
            _ = RemoveFrom(_alerts, published) || RemoveFrom(_deadLetters, published);

            // Caught up: a later flood is a new episode and gets its own warning.
            _droppingDeadLetters &= _deadLetters.Count > 0;
            _droppingAlerts &= _alerts.Count >= _alertCapacity / 2;
        }
    }

    private bool RemoveFrom(LinkedList<OutboundMessage> lane, OutboundMessage published)
    {
        for (var node = lane.First; node is not null; node = node.Next)
        {
            if (ReferenceEquals(node.Value, published))
            {
                RemoveNode(lane, node);
                return true;
            }
        }

        return false;
    }

    /// <summary>Takes a node off its lane, keeping the alert lane's count per topic.</summary>
    private void RemoveNode(LinkedList<OutboundMessage> lane, LinkedListNode<OutboundMessage> node)
    {
        lane.Remove(node);
        if (lane == _alerts && --_alertsPerTopic[node.Value.Topic] == 0)
        {
            _alertsPerTopic.Remove(node.Value.Topic);
        }
    }

    private static OutboundMessage? Oldest(LinkedList<OutboundMessage> lane, IReadOnlySet<string>? heldTopics)
    {
        foreach (var message in lane)
        {
            if (heldTopics is null || !heldTopics.Contains(message.Topic))
            {
                return message;
            }
        }

        return null;
    }

    /// <summary>The signal of the next enqueue, a fresh one when the last has fired (under <see cref="_gate"/>).</summary>
    private Task NextArrivalUnderLock(CancellationToken cancellationToken)
    {
        if (_arrived.Task.IsCompleted)
        {
            _arrived = NewSignal();
        }

        return _arrived.Task.WaitAsync(cancellationToken);
    }

    // Continuations run on the pool, not inside the writer's lock or the MQTT callback that enqueued.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbound alert queue full ({Capacity} alerts the broker has not taken): dropping the oldest alerts of the most backed-up topic, first {Topic}, unpublished (every alert also goes to the store)")]
    private partial void LogDroppingAlerts(int capacity, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbound dead-letter queue full ({Capacity} messages): dropping the oldest dead letters until the broker takes them (alerts are kept)")]
    private partial void LogDroppingDeadLetters(int capacity);
}
