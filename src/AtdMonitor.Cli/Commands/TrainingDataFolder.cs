using AtdMonitor.Data.Paths;

namespace AtdMonitor.Cli.Commands;

/// <summary>Finds the dataset folder for train/eval and says precisely what is missing.</summary>
internal static class TrainingDataFolder
{
    /// <summary>The <paramref name="dataset"/> sub-folder (mitdb or ett) of <c>--data</c> (or the default data folder), or an error.</summary>
    public static (string? Path, string? Error) Find(string? explicitDirectory, string dataset, string expectedFile)
    {
        var root = DataDirectory.FindFull(explicitDirectory);
        if (root is null)
        {
            return (null, $"no data folder found: pass --data DIR (the folder holding mitdb/ and ett/) or set {DataDirectory.EnvironmentVariable}.");
        }

        if (!Directory.Exists(root))
        {
            return (null, $"--data {root} does not exist; expected a folder holding mitdb/ and ett/.");
        }

        var folder = System.IO.Path.Combine(root, dataset);
        var file = System.IO.Path.Combine(folder, expectedFile);
        return File.Exists(file)
            ? (folder, null)
            : (null, $"{root} has no {dataset}/{expectedFile}; expected the {(dataset == "mitdb" ? "MIT-BIH records (WFDB .hea/.dat/.atr)" : "ETT CSV")} there.");
    }
}
