using System.Buffers;
using System.Buffers.Binary;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>
/// Proof that the worker's MQTT connection still carries messages both ways: numbered probes the worker publishes to its
/// own round-trip topic, each with a nonce drawn afresh for every connection. The connection is overdue when the oldest
/// probe not yet back was sent at least the timeout ago. A probe that comes back answers itself and every earlier one
/// (QoS 0 may lose one); a probe of an earlier connection, or anyone else's message on the topic, answers nothing.
/// Until one probe has ever come back (<see cref="HasCompletedARoundTrip"/>) an overdue probe proves nothing about the
/// connection: the broker may refuse the topic. Thread-safe: probes go out from the probe loop and come back in the MQTT callback.
/// </summary>
public sealed class RoundTripProbe(TimeSpan timeout)
{
    /// <summary>Bytes of a probe: the connection's nonce, then the probe's number, both 64-bit little-endian.</summary>
    public const int Length = 16;

    private readonly object _gate = new();
    private readonly Queue<(long Number, DateTimeOffset SentAt)> _outstanding = new();
    private long _nonce;
    private long _sent;
    private volatile bool _completedARoundTrip;

    public TimeSpan Timeout { get; } = timeout;

    /// <summary>True once any probe, on any connection, has come back.</summary>
    public bool HasCompletedARoundTrip => _completedARoundTrip;

    /// <summary>Starts afresh for a new connection: a new nonce, nothing outstanding (<see cref="HasCompletedARoundTrip"/> stays).</summary>
    public void Restart()
    {
        lock (_gate)
        {
            _nonce = Random.Shared.NextInt64();
            _sent = 0;
            _outstanding.Clear();
        }
    }

    /// <summary>The payload of the next probe, outstanding from <paramref name="now"/> on.</summary>
    public byte[] Next(DateTimeOffset now)
    {
        var payload = new byte[Length];
        lock (_gate)
        {
            _sent++;
            _outstanding.Enqueue((_sent, now));
            BinaryPrimitives.WriteInt64LittleEndian(payload, _nonce);
            BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(sizeof(long)), _sent);
        }

        return payload;
    }

    /// <summary>A message on the round-trip topic came in: if it is a probe of this connection, it and every earlier one are back.</summary>
    public void Returned(ReadOnlySequence<byte> payload)
    {
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

            _completedARoundTrip = true;
        }
    }

    /// <summary>True when the oldest probe not yet back was sent at least <see cref="Timeout"/> before <paramref name="now"/>.</summary>
    public bool IsOverdue(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _outstanding.TryPeek(out var oldest) && now - oldest.SentAt >= Timeout;
        }
    }
}
