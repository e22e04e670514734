namespace AtdMonitor.Streaming.Sink;

/// <summary>Exponential back-off with ±20 % jitter, so a fleet of workers does not reconnect in lock-step after a broker restart.</summary>
public sealed class RetryBackoff(TimeSpan minimum, TimeSpan maximum, Random random)
{
    private int _failures;

    public RetryBackoff(TimeSpan minimum, TimeSpan maximum)
        : this(minimum, maximum, Random.Shared)
    {
    }

    /// <summary>The delay before the next attempt; each call counts one more failure.</summary>
    public TimeSpan NextDelay()
    {
        var exponential = minimum.TotalMilliseconds * Math.Pow(2, Math.Min(_failures, 30));
        _failures++;
        var capped = Math.Min(exponential, maximum.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        var jitter = 0.8 + (0.4 * random.NextDouble());
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(capped * jitter);
    }

    /// <summary>A successful connection starts the next outage from the minimum again.</summary>
    public void Reset() => _failures = 0;
}
