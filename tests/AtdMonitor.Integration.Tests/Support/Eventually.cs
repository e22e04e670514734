namespace AtdMonitor.Integration.Tests.Support;

/// <summary>Bounded polling: the only way these tests wait for something asynchronous to become true.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="isDone"/> holds for its result; on timeout fails
    /// with <paramref name="what"/> and the last result, so a red test says how far it got.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> isDone, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var result = await probe();
            if (isDone(result))
            {
                return result;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}; last observed: {result}.");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Polls <paramref name="probe"/> until <paramref name="isDone"/> holds, for as long as <paramref name="progress"/>
    /// of its result keeps growing: fails only after <paramref name="stall"/> without progress, so a slow machine is waited
    /// for and a stuck worker is not.</summary>
    public static async Task<T> WhileProgressing<T>(Func<Task<T>> probe, Func<T, bool> isDone, Func<T, long> progress, TimeSpan stall, string what)
    {
        var best = long.MinValue;
        var deadline = DateTime.UtcNow + stall;
        while (true)
        {
            var result = await probe();
            if (isDone(result))
            {
                return result;
            }

            if (progress(result) > best)
            {
                best = progress(result);
                deadline = DateTime.UtcNow + stall;
            }
            else if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No progress for {stall.TotalSeconds:0} s waiting for {what}; last observed: {result}.");
            }

            await Task.Delay(PollInterval);
        }
    }

    public static Task<bool> Until(Func<bool> condition, TimeSpan timeout, string what) =>
        Until(() => Task.FromResult(condition()), done => done, timeout, what);
}
