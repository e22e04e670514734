using AtdMonitor.Tests.Shared;
using AtdMonitor.Training.Arrhythmia;

namespace AtdMonitor.Training.Tests.Arrhythmia;

public sealed class BeatDatasetCacheTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("atd-beat-cache-").FullName;

    [Fact]
    public void The_key_follows_the_content_of_the_record_files_not_the_folder()
    {
        var first = CopySample("first", "100");
        var second = CopySample("second", "100");

        Assert.Equal(BeatDatasetCache.Key(first, ["100"]), BeatDatasetCache.Key(second, ["100"]));
    }

    [Fact]
    public void A_record_replaced_in_place_gets_a_new_key()
    {
        var folder = CopySample("replaced", "100");
        var before = BeatDatasetCache.Key(folder, ["100"]);

        var annotations = Path.Combine(folder, "100.atr");
        var bytes = File.ReadAllBytes(annotations);
        bytes[^3] ^= 0x01;
        File.WriteAllBytes(annotations, bytes);

        Assert.NotEqual(before, BeatDatasetCache.Key(folder, ["100"]));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string CopySample(string name, string record)
    {
        var folder = Path.Combine(_directory, name);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestData.Samples, "mitdb"), record + ".*"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }
}
