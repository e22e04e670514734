using System.Security.Cryptography;
using AtdMonitor.Data.Ett;
using AtdMonitor.Model.Checkpoints;

namespace AtdMonitor.Training.Forecasting;

/// <summary>The record of an ETT file and its split that a forecast checkpoint carries.</summary>
public static class EttTrainingData
{
    /// <summary>SHA-256 of the file's bytes, lower-case hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The record of <paramref name="table"/> (loaded from <paramref name="csvPath"/>) split for <paramref name="lookBack"/>.</summary>
    public static ForecastTrainingData Of(string csvPath, EttTable table, EttSplit split, int lookBack, int horizon, IReadOnlyList<string> variables)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(split);
        return new ForecastTrainingData(Path.GetFileName(csvPath), Sha256(csvPath), table.Interval, table.RowCount,
            [split.Train.Start, split.Train.End], [split.Validation.Start, split.Validation.End], [split.Test.Start, split.Test.End],
            lookBack, horizon, [.. variables]);
    }
}
