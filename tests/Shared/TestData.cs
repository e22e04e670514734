using AtdMonitor.Data.Paths;

namespace AtdMonitor.Tests.Shared;

/// <summary>Locates the real datasets for tests, and says why when they are absent.</summary>
internal static class TestData
{
    /// <summary>The full data folder (<c>../shared/data</c> or <c>ATD_DATA_DIR</c>), or null.</summary>
    public static string? FullDirectory => DataDirectory.FindFull();

    /// <summary>The full MIT-BIH folder; skips the calling test with the reason when it is absent.</summary>
    public static string RequireMitdb() => Require("mitdb");

    /// <summary>The full ETT folder; skips the calling test with the reason when it is absent.</summary>
    public static string RequireEtt() => Require("ett");

    /// <summary>The samples bundled with the project.</summary>
    public static string Samples => DataDirectory.Samples ?? throw new DirectoryNotFoundException("samples/ not found above the test binary.");

    /// <summary>The repository's shipped checkpoints, beside <see cref="Samples"/>.</summary>
    public static string Models => Path.Combine(Path.GetDirectoryName(Samples)!, "models");

    private static string Require(string name)
    {
        var full = FullDirectory;
        var path = full is null ? null : Path.Combine(full, name);
        Skip.If(path is null || !Directory.Exists(path),
            $"Real data not found: expected {name}/ under ../shared/data beside the repository or under ${DataDirectory.EnvironmentVariable} ({path ?? "no data folder"}).");
        return path!;
    }
}
