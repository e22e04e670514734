namespace AtdMonitor.Integration.Tests.Support;

/// <summary>Bounded polling: the only way these tests wait for something asynchronous to become true.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="isDone"/> holds for its result; on timeout fails
    /// with <paramref name="what"/> and the last result, so a red test says how far it got.</summary>
    public static Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> isDone, TimeSpan timeout, string what) =>
        Poll(probe, isDone, progress: null, timeout, what);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="isDone"/> holds, for as long as <paramref name="progress"/>
    /// of its result keeps growing: fails only after <paramref name="stall"/> without progress, so a slow machine is waited
    /// for and a stuck worker is not.</summary>
    public static Task<T> WhileProgressing<T>(Func<Task<T>> probe, Func<T, bool> isDone, Func<T, long> progress, TimeSpan stall, string what) =>
        Poll(probe, isDone, progress, stall, what);

    /// <summary>The polling of both: the deadline lies <paramref name="window"/> after the start, or after the last
    /// growth of <paramref name="progress"/> when there is one.</summary>
    private static async Task<T> Poll<T>(Func<Task<T>> probe, Func<T, bool> isDone, Func<T, long>? progress, TimeSpan window, string what)
    {
        var best = long.MinValue;
        var deadline = DateTime.UtcNow + window;
        while (true)
        {
            var result = await probe();
            if (isDone(result))
            {
                return result;
            }

            if (progress?.Invoke(result) is { } now && now > best)
            {
                best = now;
                deadline = DateTime.UtcNow + window;
            }
            else if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(progress is null
                    ? $"Timed out after {window.TotalSeconds:0} s waiting for {what}; last observed: {result}."
                    : $"No progress for {window.TotalSeconds:0} s waiting for {what}; last observed: {result}.");
            }

            await Task.Delay(PollInterval);
        }
    }

    public static Task<bool> Until(Func<bool> condition, TimeSpan timeout, string what) =>
        Until(() => Task.FromResult(condition()), done => done, timeout, what);
}
