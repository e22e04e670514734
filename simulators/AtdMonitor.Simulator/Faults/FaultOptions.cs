namespace AtdMonitor.Simulator.Faults;

/// <summary>
/// Faults injected into the bed windows (ECG and spectrogram messages; truth and readings stay clean), as fractions of
/// the messages. Each message gets at most one fault, drawn from a generator seeded with <see cref="Seed"/>, so a run
/// is reproducible.
/// </summary>
public sealed record FaultOptions
{
    public static FaultOptions None { get; } = new();

    /// <summary>Messages not sent at all.</summary>
    public double DropRate { get; init; }

    /// <summary>Messages sent twice in a row.</summary>
    public double DuplicateRate { get; init; }

    /// <summary>Messages held back and sent after the same bed's next message of the same kind.</summary>
    public double ReorderRate { get; init; }

    /// <summary>Messages whose payload is damaged so that a validating reader must reject it (truncated, bad magic or a NaN value).</summary>
    public double CorruptRate { get; init; }

    /// <summary>Spectrogram messages sent <see cref="ImageDelay"/> late.</summary>
    public double ImageDelayRate { get; init; }

    /// <summary>How late a delayed image is sent (wall clock).</summary>
    public TimeSpan ImageDelay { get; init; } = TimeSpan.FromSeconds(3);

    public int Seed { get; init; } = 1;

    public bool Any => DropRate + DuplicateRate + ReorderRate + CorruptRate + ImageDelayRate > 0;

    /// <summary>Throws with the option's name when a rate is outside 0..1 or the rates sum above 1.</summary>
    public void Validate()
    {
        Check(DropRate, "--drop");
        Check(DuplicateRate, "--duplicate");
        Check(ReorderRate, "--reorder");
        Check(CorruptRate, "--corrupt");
        Check(ImageDelayRate, "--delay-image");
        if (DropRate + DuplicateRate + ReorderRate + CorruptRate + ImageDelayRate > 1)
        {
            throw new ArgumentException("The fault rates (--drop, --duplicate, --reorder, --corrupt, --delay-image) must sum to at most 1: a message gets one fault at most.");
        }

        if (ImageDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"--image-delay must not be negative (got {ImageDelay}).");
        }
    }

    private static void Check(double rate, string option)
    {
        if (double.IsNaN(rate) || rate is < 0 or > 1)
        {
            throw new ArgumentException($"{option} must be a fraction between 0 and 1 (got {rate}).");
        }
    }
}
