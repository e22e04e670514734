using System.IO.Compression;
using System.Text.Json;

namespace AtdMonitor.Training.FineTuning;

/// <summary>
/// The MIT-BIH records a fine-tuned checkpoint has seen through its recording, kept as an extra entry
/// (<c>trained-records.json</c>) of the checkpoint's zip; the model loader ignores it. <c>atd eval</c> reads it to warn
/// when the evaluation split scores records the checkpoint was tuned on.
/// </summary>
public static class TrainedRecords
{
    private const string Entry = "trained-records.json";

    public static void Write(string checkpoint, IReadOnlyList<string> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var archive = ZipFile.Open(checkpoint, ZipArchiveMode.Update);
        archive.GetEntry(Entry)?.Delete();
        using var stream = archive.CreateEntry(Entry).Open();
        JsonSerializer.Serialize(stream, records);
    }

    /// <summary>The records listed in <paramref name="checkpoint"/>; empty for a checkpoint not tuned on a recording.</summary>
    public static IReadOnlyList<string> Read(string checkpoint)
    {
        using var archive = ZipFile.OpenRead(checkpoint);
        if (archive.GetEntry(Entry) is not { } entry)
        {
            return [];
        }

        using var stream = entry.Open();
        return JsonSerializer.Deserialize<string[]>(stream) ?? [];
    }
}
