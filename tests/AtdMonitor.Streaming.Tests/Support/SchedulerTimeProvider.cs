using System.Reactive.Concurrency;

namespace AtdMonitor.Streaming.Tests.Support;

/// <summary>A <see cref="TimeProvider"/> that reads the time of an Rx scheduler, so both share one virtual clock.</summary>
internal sealed class SchedulerTimeProvider(IScheduler scheduler) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => scheduler.Now;
}
