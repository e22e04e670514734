using System.Runtime.InteropServices;

namespace AtdMonitor.Servers;

/// <summary>Sends POSIX signals: .NET's <see cref="System.Diagnostics.Process.Kill()"/> only knows SIGKILL,
/// and a server must get SIGTERM to shut down cleanly (mosquitto saves its persistence file then).</summary>
internal static partial class PosixSignals
{
    public const int Terminate = 15;

    public static void Send(int processId, int signal)
    {
        if (Kill(processId, signal) != 0)
        {
            throw new IOException($"kill({processId}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int processId, int signal);
}
