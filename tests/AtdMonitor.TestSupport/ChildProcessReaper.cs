using System.Collections.Concurrent;
using System.Diagnostics;

namespace AtdMonitor.TestSupport;

/// <summary>Last line of defence against orphaned servers: every process a test starts is registered here and
/// killed when the test host exits, even if a fixture's Dispose never ran (a crashed or aborted run).</summary>
public static class ChildProcessReaper
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    static ChildProcessReaper() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    public static void Register(Process process) => Running[process.Id] = process;

    public static void Unregister(Process process) => Running.TryRemove(process.Id, out _);

    private static void KillAll()
    {
        foreach (var process in Running.Values)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    }
}
