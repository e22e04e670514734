using System.Security.Cryptography;
using System.Text;
using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Noise;

namespace AtdMonitor.Training.Arrhythmia;

/// <summary>
/// Keeps built <see cref="BeatDataset"/>s on disk: building the 44 non-paced records (STFT of every record)
/// takes longer than a training epoch. The key covers the content of the record files and the build of the data
/// library, so neither a record replaced in place nor a change to the feature code ever reads stale beats.
/// </summary>
/// <remarks>Only <see cref="BeatDatasetBuilder"/>'s datasets are stored; their images are all present, so the
/// image-present mask is not part of the file and a read dataset has every image present.</remarks>
public sealed class BeatDatasetCache
{
    private const int Magic = 0x41544442; // "ATDB"

    public BeatDatasetCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
    }

    public string Directory { get; }

    /// <summary>The default: <c>$XDG_CACHE_HOME/atd/beats</c>, else <c>~/.cache/atd/beats</c>.</summary>
    public static BeatDatasetCache Default()
    {
        var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrWhiteSpace(root))
        {
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }

        return new BeatDatasetCache(Path.Combine(root, "atd", "beats"));
    }

    /// <summary>The dataset of <paramref name="records"/> (with <paramref name="noise"/> added to the recordings when
    /// given, its beats at <paramref name="positions"/>), from the cache or built (and then stored).</summary>
    public BeatDataset GetOrBuild(string mitdbDirectory, IReadOnlyList<string> records, EcgNoise? noise = null, BeatPositions positions = BeatPositions.Reference)
    {
        ArgumentNullException.ThrowIfNull(records);
        var path = Path.Combine(Directory, Key(mitdbDirectory, records, noise, positions) + ".bin");
        if (File.Exists(path))
        {
            return Read(path);
        }

        var dataset = BeatDatasetBuilder.Build(mitdbDirectory, records, noise, positions);
        System.IO.Directory.CreateDirectory(Directory);
        Write(dataset, path);
        return dataset;
    }

    /// <summary>
    /// SHA-256 over the build of the data library and, per record in order, its name and the name and content of each of
    /// its files (header, signal, annotations): a record replaced in place, or the same records in another folder, get
    /// the key their content deserves. Hashing the 48 records reads about 100 MB, a fraction of a second.
    /// </summary>
    public static string Key(string mitdbDirectory, IReadOnlyList<string> records, EcgNoise? noise = null, BeatPositions positions = BeatPositions.Reference)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(typeof(BeatDatasetBuilder).Assembly.ManifestModule.ModuleVersionId.ToByteArray());
        hash.AppendData(Encoding.UTF8.GetBytes($"|noise {noise?.Describe()}|beats {positions}"));
        foreach (var record in records)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"|{record}"));
            foreach (var file in System.IO.Directory.EnumerateFiles(mitdbDirectory, record + ".*").Order(StringComparer.Ordinal))
            {
                hash.AppendData(Encoding.UTF8.GetBytes($"|{Path.GetFileName(file)}|"));
                using var stream = File.OpenRead(file);
                var buffer = new byte[1 << 16];
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..24];
    }

    private static void Write(BeatDataset dataset, string path)
    {
        // A name of its own per writer: two runs that build the same dataset at once each write whole, and the last move wins.
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(Magic);
            writer.Write(dataset.Count);
            WriteArray(writer, dataset.Signals);
            WriteArray(writer, dataset.Rhythm);
            WriteArray(writer, dataset.Images);
            WriteArray(writer, dataset.Labels);
            WriteArray(writer, dataset.RPeakSamples);
            foreach (var name in dataset.RecordNames)
            {
                writer.Write(name);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static BeatDataset Read(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.ReadInt32() != Magic)
        {
            throw new InvalidDataException($"{path} is not a beat cache file; delete it to rebuild.");
        }

        var count = reader.ReadInt32();
        var signals = ReadArray<float>(reader, count * BeatSpec.WindowLength);
        var rhythm = ReadArray<float>(reader, count * BeatSpec.RhythmFeatureCount);
        var images = ReadArray<float>(reader, count * BeatDataset.ImageSize);
        var labels = ReadArray<int>(reader, count);
        var rPeaks = ReadArray<long>(reader, count);
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = reader.ReadString();
        }

        return new BeatDataset(signals, rhythm, images, labels, names, rPeaks);
    }

    private static void WriteArray<T>(BinaryWriter writer, T[] values) where T : unmanaged =>
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));

    private static T[] ReadArray<T>(BinaryReader reader, int count) where T : unmanaged
    {
        var values = new T[count];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan());
        try
        {
            reader.BaseStream.ReadExactly(bytes);
        }
        catch (EndOfStreamException exception)
        {
            throw new InvalidDataException("The beat cache file is truncated; delete it to rebuild.", exception);
        }

        return values;
    }
}
