using AtdMonitor.Data.Beats;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>
/// The last seconds of one bed's lead 0 (millivolts), window by window, for the rhythm rules that look at the signal
/// (atrial activity, morphology, fibrillation, asystole). Windows are kept until the beat rules no longer need them
/// (<see cref="ForgetBefore"/>: beats reach the rules after their windows, later still while the inference thread is
/// behind), and never more than <paramref name="capacityWindows"/>. A window that does not follow the previous one
/// in time (a gap) starts the history afresh, so no segment spans a hole.
/// </summary>
public sealed class SignalHistory(int capacityWindows)
{
    /// <summary>Samples per second of every window (the stream contract's rate).</summary>
    public const int SampleRate = BeatSpec.SampleRate;

    private static readonly TimeSpan ContiguityTolerance = TimeSpan.FromMilliseconds(5);
    private readonly LinkedList<(DateTimeOffset Start, float[] Samples)> _windows = new();

    /// <summary>Samples held, all contiguous.</summary>
    public int Length { get; private set; }

    /// <summary>Time of the sample after the newest one held.</summary>
    public DateTimeOffset End => _windows.Last is { } last ? last.Value.Start + Seconds(last.Value.Samples.Length) : DateTimeOffset.MinValue;

    public void Add(ReadOnlySpan<float> millivolts, DateTimeOffset start)
    {
        if (_windows.Last is not null && (start - End).Duration() > ContiguityTolerance)
        {
            Clear();
        }

        _windows.AddLast((start, millivolts.ToArray()));
        Length += millivolts.Length;
        while (_windows.Count > capacityWindows)
        {
            Length -= _windows.First!.Value.Samples.Length;
            _windows.RemoveFirst();
        }
    }

    /// <summary>Drops whole windows that end before <paramref name="time"/> (the oldest signal a beat rule may still read).</summary>
    public void ForgetBefore(DateTimeOffset time)
    {
        while (_windows.First is { } first && first.Value.Start + Seconds(first.Value.Samples.Length) < time)
        {
            Length -= first.Value.Samples.Length;
            _windows.RemoveFirst();
        }
    }

    public void Clear()
    {
        _windows.Clear();
        Length = 0;
    }

    /// <summary>Copies the samples from <paramref name="start"/> on into <paramref name="destination"/>; false when any of them is not held.</summary>
    public bool TryRead(DateTimeOffset start, Span<float> destination)
    {
        var written = 0;
        for (var node = _windows.First; node is not null && written < destination.Length; node = node.Next)
        {
            var (windowStart, samples) = node.Value;
            var offset = (long)Math.Round((start - windowStart).TotalSeconds * SampleRate) + written;
            if (offset >= samples.Length)
            {
                continue;
            }

            if (offset < 0)
            {
                return false;
            }

            var take = Math.Min(samples.Length - (int)offset, destination.Length - written);
            samples.AsSpan((int)offset, take).CopyTo(destination[written..]);
            written += take;
        }

        return written == destination.Length;
    }

    /// <summary>Fills <paramref name="destination"/> with the newest samples; false when fewer are held.</summary>
    public bool TryReadNewest(Span<float> destination) => destination.Length <= Length && TryRead(End - Seconds(destination.Length), destination);

    /// <summary>The duration of <paramref name="samples"/> samples.</summary>
    public static TimeSpan Seconds(int samples) => TimeSpan.FromSeconds(samples / (double)SampleRate);
}
