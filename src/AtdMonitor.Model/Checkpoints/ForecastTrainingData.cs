using System.Globalization;

namespace AtdMonitor.Model.Checkpoints;

/// <summary>
/// What a forecast checkpoint was trained on, recorded in its manifest so that evaluation and the worker can tell
/// when they are given other data.
/// </summary>
/// <param name="File">The CSV's file name (no folder).</param>
/// <param name="Sha256">SHA-256 of the CSV's bytes, lower-case hex.</param>
/// <param name="Interval">The file's sampling interval (1 h for ETTh, 15 min for ETTm).</param>
/// <param name="Rows">Data rows in the file.</param>
/// <param name="Train">Training rows [start, end).</param>
/// <param name="Validation">Validation rows [start, end), look-back overlap included.</param>
/// <param name="Test">Test rows [start, end), look-back overlap included.</param>
/// <param name="LookBack">History steps.</param>
/// <param name="Horizon">Forecast steps.</param>
/// <param name="Variables">The variables in and out, in order.</param>
public sealed record ForecastTrainingData(
    string File,
    string Sha256,
    TimeSpan Interval,
    int Rows,
    IReadOnlyList<int> Train,
    IReadOnlyList<int> Validation,
    IReadOnlyList<int> Test,
    int LookBack,
    int Horizon,
    IReadOnlyList<string> Variables)
{
    /// <summary>"ETTh1.csv (SHA-256 5b1e…, 17,420 rows every 01:00:00)".</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"{File} (SHA-256 {Sha256[..Math.Min(12, Sha256.Length)]}…, {Rows:N0} rows every {Interval})");

    /// <summary>"train rows 0–8640, validation 8544–11520, test 11424–14400".</summary>
    public string DescribeSplit() =>
        string.Create(CultureInfo.InvariantCulture, $"train rows {Train[0]}–{Train[1]}, validation {Validation[0]}–{Validation[1]}, test {Test[0]}–{Test[1]}");
}
