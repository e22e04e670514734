using AtdMonitor.Servers;

namespace AtdMonitor.Streaming.Tests.Support;

/// <summary>The tests that start a real mosquitto skip where it is not installed (scripts/test.sh installs it).</summary>
internal static class MosquittoInstalled
{
    public static void OrSkip() =>
        Skip.IfNot(File.Exists(MosquittoProcess.DefaultExecutable), $"mosquitto is not installed at {MosquittoProcess.DefaultExecutable} (Debian: apt-get install mosquitto).");
}
