namespace AtdMonitor.Training.Benchmarks;

/// <summary>The process's peak resident set size (Linux <c>VmHWM</c>), and its reset.</summary>
internal static class PeakMemory
{
    private const string Status = "/proc/self/status";

    /// <summary>Peak RSS in bytes; falls back to .NET's peak working set off Linux.</summary>
    public static long Bytes()
    {
        if (File.Exists(Status))
        {
            var line = File.ReadLines(Status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), out var kilobytes))
            {
                return kilobytes * 1024;
            }
        }

        return Environment.WorkingSet;
    }

    /// <summary>Starts a new peak from the current RSS (writing 5 to clear_refs); false where not allowed.</summary>
    public static bool TryReset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
