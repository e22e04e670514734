using System.Buffers;
using System.Buffers.Binary;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>
/// Proof that the worker's MQTT connection still carries messages both ways: numbered probes the worker publishes to its
/// own round-trip topic, each with a nonce drawn afresh for every connection. A probe that comes back answers itself and
/// every earlier one (QoS 0 may lose one); a probe of an earlier connection, or anyone else's message on the topic,
/// answers nothing. The connection is dead when the oldest probe not yet back is overdue and nothing at all has come in
/// for as long: a busy connection delays the probe behind the messages queued for the worker, but those keep arriving.
/// Until one probe of the connection has come back (<see cref="HasCompletedARoundTrip"/>) an overdue probe proves
/// nothing about it: the broker may refuse the topic, or the first echo may simply be late. Thread-safe: probes go out
/// from the probe loop and come back, with every other message, in the MQTT callback.
/// </summary>
public sealed class RoundTripProbe
{
    /// <summary>Bytes of a probe: the connection's nonce, then the probe's number, both 64-bit little-endian.</summary>
    public const int Length = 16;

    /// <summary>Probes kept outstanding at most: a connection whose probes never come back (a broker that drops them) must not grow this.</summary>
    private const int MaxOutstanding = 64;

    private readonly object _gate = new();
    private readonly Queue<(long Number, DateTimeOffset SentAt)> _outstanding = new();
    private long _nonce;
    private long _sent;
    private long _returned;
    private long _echoes;
    private bool _completedARoundTrip;

    // Written for every message the worker receives, so without the lock; UTC ticks.
    private long _lastInboundTicks;

    /// <summary>A probe for a connection that starts at <paramref name="now"/>.</summary>
    public RoundTripProbe(TimeSpan timeout, DateTimeOffset now)
    {
        Timeout = timeout;
        Restart(now);
    }

    /// <summary>How long a probe may take to come back, and the connection may stay silent, before it counts as dead.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>True once a probe of this connection has come back.</summary>
    public bool HasCompletedARoundTrip
    {
        get
        {
            lock (_gate)
            {
                return _completedARoundTrip;
            }
        }
    }

    /// <summary>Probes of this connection sent so far: the number of the newest.</summary>
    public long Sent
    {
        get
        {
            lock (_gate)
            {
                return _sent;
            }
        }
    }

    /// <summary>Messages that came in on the round-trip topic, over all connections: this worker's probes and any others.</summary>
    public long Echoes => Interlocked.Read(ref _echoes);

    /// <summary>When the last message of any kind came in.</summary>
    public DateTimeOffset LastInbound => new(Volatile.Read(ref _lastInboundTicks), TimeSpan.Zero);

    /// <summary>The highest number of this connection's probes that came back (0 before the first).</summary>
    public long HighestReturned
    {
        get
        {
            lock (_gate)
            {
                return _returned;
            }
        }
    }

    /// <summary>True when a probe of this connection numbered above <paramref name="number"/> has come back.</summary>
    public bool HasReturnedAfter(long number) => HighestReturned > number;

    /// <summary>Starts afresh for a connection made at <paramref name="now"/>: a new nonce, nothing outstanding, no round trip yet.</summary>
    public void Restart(DateTimeOffset now)
    {
        lock (_gate)
        {
            _nonce = Random.Shared.NextInt64();
            _sent = 0;
            _returned = 0;
            _outstanding.Clear();
            _completedARoundTrip = false;
            Inbound(now);
        }
    }

    /// <summary>The payload of the next probe, outstanding from <paramref name="now"/> on.</summary>
    public byte[] Next(DateTimeOffset now)
    {
        var payload = new byte[Length];
        lock (_gate)
        {
            _sent++;
            if (_outstanding.Count == MaxOutstanding)
            {
                _outstanding.Dequeue();
            }

            _outstanding.Enqueue((_sent, now));
            BinaryPrimitives.WriteInt64LittleEndian(payload, _nonce);
            BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(sizeof(long)), _sent);
        }

        return payload;
    }

    /// <summary>Any message came in at <paramref name="now"/>: the connection still delivers.</summary>
    public void Inbound(DateTimeOffset now) => Volatile.Write(ref _lastInboundTicks, now.UtcTicks);

    /// <summary>A message on the round-trip topic came in: if it is a probe of this connection, it and every earlier one are back.</summary>
    public void Returned(ReadOnlySequence<byte> payload, DateTimeOffset now)
    {
        Inbound(now);
        Interlocked.Increment(ref _echoes);
        if (payload.Length != Length)
        {
            return;
        }

        Span<byte> bytes = stackalloc byte[Length];
        payload.CopyTo(bytes);
        var nonce = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        var number = BinaryPrimitives.ReadInt64LittleEndian(bytes[sizeof(long)..]);
        lock (_gate)
        {
            if (nonce != _nonce || number < 1 || number > _sent)
            {
                return;
            }

            while (_outstanding.TryPeek(out var oldest) && oldest.Number <= number)
            {
                _outstanding.Dequeue();
            }

            _returned = Math.Max(_returned, number);
            _completedARoundTrip = true;
        }
    }

    /// <summary>
    /// True when the oldest probe not yet back was sent at least <see cref="Timeout"/> less <paramref name="tolerance"/>
    /// before <paramref name="now"/> (the probe loop checks on its ticks, which may come a little early) and nothing has
    /// come in for as long.
    /// </summary>
    public bool IsOverdue(DateTimeOffset now, TimeSpan tolerance)
    {
        lock (_gate)
        {
            var limit = Timeout - tolerance;
            return _outstanding.TryPeek(out var oldest) && now - oldest.SentAt >= limit
                && now.UtcTicks - Volatile.Read(ref _lastInboundTicks) >= limit.Ticks;
        }
    }
}
