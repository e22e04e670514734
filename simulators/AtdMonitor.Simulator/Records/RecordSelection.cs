using AtdMonitor.Data.Beats;

namespace AtdMonitor.Simulator.Records;

/// <summary>Parses a record list: a named set (<c>DS1</c>, <c>DS2</c>, <c>all</c>, <c>nonpaced</c>) or names separated by commas.</summary>
public static class RecordSelection
{
    public static IReadOnlyList<string> Parse(string? text, RecordLibrary library)
    {
        ArgumentNullException.ThrowIfNull(library);
        if (string.IsNullOrWhiteSpace(text))
        {
            return library.ListRecords();
        }

        IReadOnlyList<string>? named = text.Trim().ToUpperInvariant() switch
        {
            "DS1" => MitBihRecords.Ds1,
            "DS2" => MitBihRecords.Ds2,
            "ALL" => MitBihRecords.All,
            "NONPACED" => MitBihRecords.NonPaced,
            _ => null,
        };
        if (named is not null)
        {
            return named;
        }

        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var missing = names.Where(n => !File.Exists(Path.Combine(library.Directory, n + ".hea"))).ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException($"--records: no header for {string.Join(", ", missing)} in {library.Directory}; expected DS1, DS2, all, nonpaced or record names such as 100,119.");
        }

        return names;
    }
}
