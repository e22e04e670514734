namespace AtdMonitor.Data.Paths;

/// <summary>
/// Finds the real datasets: an explicit path, else the <c>ATD_DATA_DIR</c> environment variable,
/// else <c>../shared/data</c> beside the repository, else the samples bundled in <c>samples/</c>.
/// </summary>
public static class DataDirectory
{
    /// <summary>The environment variable that overrides where the datasets live.</summary>
    public const string EnvironmentVariable = "ATD_DATA_DIR";

    /// <summary>The full datasets (the folder holding <c>mitdb/</c> and <c>ett/</c>), or null when none is found.</summary>
    public static string? FindFull(string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Path.GetFullPath(explicitPath);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var root = FindRepositoryRoot();
        if (root is null)
        {
            return null;
        }

        var shared = Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
        return Directory.Exists(shared) ? shared : null;
    }

    /// <summary>The full datasets when present, else the bundled samples.</summary>
    public static string Resolve(string? explicitPath = null) =>
        FindFull(explicitPath) ?? Samples ?? throw new DirectoryNotFoundException(
            $"No data directory found: pass one, set {EnvironmentVariable}, or run 'atd data fetch mitdb|ett DIR'.");

    /// <summary>The samples shipped with the project (a few MIT-BIH records and ETTh1), or null when not found.</summary>
    public static string? Samples
    {
        get
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "samples");
            if (Directory.Exists(beside))
            {
                return beside;
            }

            var root = FindRepositoryRoot();
            return root is null ? null : Path.Combine(root, "samples");
        }
    }

    /// <summary>The folder holding <c>AtdMonitor.sln</c>, searched upward from the running binary and the working directory.</summary>
    public static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AtdMonitor.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
