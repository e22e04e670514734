namespace AtdMonitor.Data.Fetch;

/// <summary>Where a public dataset is published and how its files are checked.</summary>
/// <param name="Name">The dataset, which is also the folder it is saved in ("mitdb", "ett").</param>
/// <param name="BaseUrl">The publisher's folder URL (ends with '/').</param>
/// <param name="ChecksumList">A file under <paramref name="BaseUrl"/> listing "sha256  name" lines, or null when
/// <paramref name="KnownFiles"/> gives the hashes.</param>
/// <param name="KnownFiles">File name → SHA-256 (hex) for publishers without a checksum list.</param>
/// <param name="Include">Which names of the checksum list to download.</param>
public sealed record DatasetSource(string Name, Uri BaseUrl, string? ChecksumList, IReadOnlyDictionary<string, string> KnownFiles, Func<string, bool> Include)
{
    /// <summary>SHA-256 of ETTh1.csv as published by zhouhaoyi/ETDataset.</summary>
    public const string EttH1Sha256 = "f18de3ad269cef59bb07b5438d79bb3042d3be49bdeecf01c1cd6d29695ee066";

    /// <summary>MIT-BIH Arrhythmia Database 1.0.0 from PhysioNet: the records' .hea, .dat, .atr and RECORDS, checked
    /// against PhysioNet's SHA256SUMS.txt; <paramref name="records"/> limits it to some records.</summary>
    public static DatasetSource Mitdb(Uri? baseUrl = null, IReadOnlyCollection<string>? records = null) => new(
        "mitdb",
        baseUrl ?? new Uri("https://physionet.org/files/mitdb/1.0.0/"),
        "SHA256SUMS.txt",
        new Dictionary<string, string>(),
        name =>
        {
            if (name.Contains('/', StringComparison.Ordinal))
            {
                return false;
            }

            if (name == "RECORDS")
            {
                return records is null;
            }

            var extension = Path.GetExtension(name);
            return extension is ".hea" or ".dat" or ".atr" && (records is null || records.Contains(Path.GetFileNameWithoutExtension(name)));
        });

    /// <summary>ETTh1.csv from the ETDataset repository, checked against its known SHA-256.</summary>
    public static DatasetSource Ett(Uri? baseUrl = null) => new(
        "ett",
        baseUrl ?? new Uri("https://raw.githubusercontent.com/zhouhaoyi/ETDataset/main/ETT-small/"),
        null,
        new Dictionary<string, string> { ["ETTh1.csv"] = EttH1Sha256 },
        _ => true);
}
