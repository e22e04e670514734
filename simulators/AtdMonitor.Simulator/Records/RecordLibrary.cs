using System.Collections.Concurrent;
using AtdMonitor.Data.Noise;

namespace AtdMonitor.Simulator.Records;

/// <summary>Loads each MIT-BIH record once, however many beds replay it; with <paramref name="noise"/>, noisy (the noise
/// stress test of <c>atd score stream --noise</c>).</summary>
public sealed class RecordLibrary(string mitdbDirectory, EcgNoise? noise = null)
{
    private readonly ConcurrentDictionary<string, Lazy<ReplayRecord>> _records = new(StringComparer.Ordinal);

    /// <summary>The folder holding the records' .hea/.dat/.atr files.</summary>
    public string Directory { get; } = mitdbDirectory ?? throw new ArgumentNullException(nameof(mitdbDirectory));

    public ReplayRecord Get(string name) =>
        _records.GetOrAdd(name, n => new Lazy<ReplayRecord>(() => ReplayRecord.Load(Directory, n, noise))).Value;

    /// <summary>The record names listed in the folder's RECORDS file, else those with a .hea file, sorted.</summary>
    public IReadOnlyList<string> ListRecords()
    {
        var list = Path.Combine(Directory, "RECORDS");
        var names = File.Exists(list)
            ? File.ReadAllLines(list).Select(l => l.Trim()).Where(l => l.Length > 0)
            : System.IO.Directory.EnumerateFiles(Directory, "*.hea").Select(Path.GetFileNameWithoutExtension).OfType<string>();
        return [.. names.Order(StringComparer.Ordinal)];
    }
}
