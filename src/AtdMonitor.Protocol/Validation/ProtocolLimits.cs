namespace AtdMonitor.Protocol.Validation;

/// <summary>Bounds a payload must respect to be accepted; the defaults are those of wire version 1 (docs/PROTOCOL.md).</summary>
public sealed record ProtocolLimits
{
    public static ProtocolLimits Default { get; } = new();

    /// <summary>Largest accepted payload: 10 s of 12 leads at 1 kHz in float32 fits with room to spare.</summary>
    public int MaxPayloadBytes { get; init; } = 512 * 1024;

    public int MaxLeads { get; init; } = 12;

    public int MaxSamplesPerLead { get; init; } = 10_000;

    public float MinSampleRate { get; init; } = 50;

    public float MaxSampleRate { get; init; } = 10_000;

    public int MaxImageRows { get; init; } = 512;

    public int MaxImageColumns { get; init; } = 512;

    public int MaxReadingValues { get; init; } = 64;

    /// <summary>Most annotations in one truth message: the beats of about ten minutes, so the recorder's queue of truth
    /// messages holds bounded memory.</summary>
    public int MaxTruthAnnotations { get; init; } = 1_000;

    /// <summary>Longest annotation symbol: WFDB beat codes are one character.</summary>
    public int MaxAnnotationSymbolLength { get; init; } = 8;

    /// <summary>Largest magnitude of a reading value: far beyond any physical sensor's range, and small enough that a
    /// forecaster's arithmetic on a look-back holding one stays finite.</summary>
    public float MaxReadingMagnitude { get; init; } = 1e6f;

    /// <summary>
    /// Largest window sequence number: 2^40 windows is 35,000 years of 1 s windows, and keeps every figure derived from
    /// it (sample index = sequence × samples per lead, spectrogram column = sequence × columns) far inside a long.
    /// </summary>
    public long MaxSequence { get; init; } = 1L << 40;

    /// <summary>Earliest accepted time stamp of a window or reading.</summary>
    public DateTimeOffset MinTime { get; init; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Latest accepted time stamp: with <see cref="MinTime"/>, keeps time + any hold-off or horizon in range.</summary>
    public DateTimeOffset MaxTime { get; init; } = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Largest accepted alarm command: a few short fields; anything bigger is not a command.</summary>
    public int MaxCommandBytes { get; init; } = 1024;

    /// <summary>Longest silence a command may ask for (the worker's Alerts:Alarms:MaxSilence may be shorter).</summary>
    public TimeSpan MaxSilence { get; init; } = TimeSpan.FromMinutes(15);
}
