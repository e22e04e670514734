using AtdMonitor.Data.Beats;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>
/// The last seconds of one bed's lead (millivolts), window by window, for the rhythm rules that look at the signal
/// (atrial activity, morphology, fibrillation, asystole). Windows are kept until the beat rules no longer need them
/// (<see cref="ForgetBefore"/>: beats reach the rules after their windows, later still while the inference thread is
/// behind), and never more than <paramref name="capacityWindows"/>. A window that does not follow the previous one
/// in time (a gap) starts the history afresh, so no segment spans a hole.
/// </summary>
/// <remarks>The samples are copied into one ring buffer per bed, grown (up to the capacity) only while more must be
/// held: a worker holds seconds of thousands of beds, and keeping each window's own array would hand the garbage
/// collector megabytes a second of arrays that outlive its young generations.</remarks>
public sealed class SignalHistory(int capacityWindows)
{
    /// <summary>Samples per second of every window (the stream contract's rate).</summary>
    public const int SampleRate = BeatSpec.SampleRate;

    private const int InitialSamples = 8 * SampleRate;
    private static readonly TimeSpan ContiguityTolerance = TimeSpan.FromMilliseconds(5);
    private readonly Queue<int> _windowLengths = new();
    private float[] _ring = [];
    private int _oldest;

    /// <summary>Samples held, all contiguous.</summary>
    public int Length { get; private set; }

    /// <summary>Windows added since the history was made, never reset: tells a reader whether a new window came, whatever
    /// the device's clock did.</summary>
    public long WindowsAdded { get; private set; }

    /// <summary>Time of the sample after the newest one held.</summary>
    public DateTimeOffset End { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Time of the oldest sample held (the newest window's start anchors every sample's time).</summary>
    private DateTimeOffset Oldest => End - Seconds(Length);

    /// <summary>Appends a copy of one window that starts at <paramref name="start"/>.</summary>
    public void Add(ReadOnlySpan<float> millivolts, DateTimeOffset start)
    {
        if (_windowLengths.Count > 0 && (start - End).Duration() > ContiguityTolerance)
        {
            Clear();
        }

        while (_windowLengths.Count >= capacityWindows)
        {
            DropOldestWindow();
        }

        Reserve(Length + millivolts.Length);
        var at = (_oldest + Length) % _ring.Length;
        var first = Math.Min(millivolts.Length, _ring.Length - at);
        millivolts[..first].CopyTo(_ring.AsSpan(at));
        millivolts[first..].CopyTo(_ring);
        Length += millivolts.Length;
        _windowLengths.Enqueue(millivolts.Length);
        End = start + Seconds(millivolts.Length);
        WindowsAdded++;
    }

    /// <summary>Drops whole windows that end before <paramref name="time"/> (the oldest signal a beat rule may still read).</summary>
    public void ForgetBefore(DateTimeOffset time)
    {
        while (_windowLengths.Count > 0 && Oldest + Seconds(_windowLengths.Peek()) < time)
        {
            DropOldestWindow();
        }
    }

    public void Clear()
    {
        _windowLengths.Clear();
        _oldest = 0;
        Length = 0;
        End = DateTimeOffset.MinValue;
    }

    /// <summary>Copies the samples from <paramref name="start"/> on into <paramref name="destination"/>; false when any of them is not held.</summary>
    public bool TryRead(DateTimeOffset start, Span<float> destination)
    {
        if (Length == 0)
        {
            return destination.IsEmpty;
        }

        var offset = (long)Math.Round((start - Oldest).TotalSeconds * SampleRate);
        if (offset < 0 || offset + destination.Length > Length)
        {
            return false;
        }

        var at = (int)((_oldest + offset) % _ring.Length);
        var first = Math.Min(destination.Length, _ring.Length - at);
        _ring.AsSpan(at, first).CopyTo(destination);
        _ring.AsSpan(0, destination.Length - first).CopyTo(destination[first..]);
        return true;
    }

    /// <summary>Fills <paramref name="destination"/> with the newest samples; false when fewer are held.</summary>
    public bool TryReadNewest(Span<float> destination) => destination.Length <= Length && TryRead(End - Seconds(destination.Length), destination);

    /// <summary>The duration of <paramref name="samples"/> samples.</summary>
    public static TimeSpan Seconds(int samples) => TimeSpan.FromSeconds(samples / (double)SampleRate);

    private void DropOldestWindow()
    {
        var length = _windowLengths.Dequeue();
        Length -= length;
        _oldest = Length == 0 ? 0 : (_oldest + length) % _ring.Length;
        End = Length == 0 ? DateTimeOffset.MinValue : End;
    }

    /// <summary>Grows the ring, keeping the samples held in order from index 0, until it holds <paramref name="samples"/>.</summary>
    private void Reserve(int samples)
    {
        if (samples <= _ring.Length)
        {
            return;
        }

        var grown = new float[Math.Max(samples, Math.Max(InitialSamples, 2 * _ring.Length))];
        var first = Math.Min(Length, _ring.Length - _oldest);
        _ring.AsSpan(_oldest, first).CopyTo(grown);
        _ring.AsSpan(0, Length - first).CopyTo(grown.AsSpan(first));
        _ring = grown;
        _oldest = 0;
    }
}
