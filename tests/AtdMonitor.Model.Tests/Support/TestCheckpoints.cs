using System.IO.Compression;
using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Tasks;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Tests.Support;

/// <summary>Writes checkpoints of freshly initialised tiny models, with non-trivial normalisation.</summary>
internal static class TestCheckpoints
{
    public static readonly string[] ClassNames = ["N", "S", "V", "F", "Q"];
    public static readonly string[] VariableNames = ["HUFL", "MUFL", "OT"];

    public static ModelCheckpoint ArrhythmiaMetadata(AtdConfig config) => new(config, ClassNames,
    [
        new NormalizationStats(InputNames.Signal, [0.1f], [0.5f]),
        new NormalizationStats(InputNames.Rhythm, [.. Enumerable.Range(0, config.RhythmFeatures).Select(i => 0.8f + (0.05f * i))],
            [.. Enumerable.Range(0, config.RhythmFeatures).Select(i => 0.2f + (0.01f * i))]),
        new NormalizationStats(InputNames.Image, [1.5f], [0.7f]),
    ]);

    public static void Arrhythmia(string path, AtdConfig config)
    {
        using var model = new ArrhythmiaModel(config);
        TrainBriefly(model);
        ArrhythmiaMetadata(config).Save(path, model);
    }

    public static void Forecast(string path, AtdConfig config)
    {
        using var model = new ForecastModel(config);
        new ModelCheckpoint(config, VariableNames, [new NormalizationStats(InputNames.History, [10f, 5f, 30f], [2f, 1f, 8f])])
            .Save(path, model);
    }

    /// <summary>One training-mode pass, so the Guide's running statistics differ from their initial values.</summary>
    public static void TrainBriefly(ArrhythmiaModel model)
    {
        using var scope = NewDisposeScope();
        model.train();
        var (signal, rhythm, image, present) = RandomInputs.Arrhythmia(model.Config, 16);
        using (no_grad())
        {
            model.forward(signal, rhythm, image, present);
        }

        model.eval();
    }

    /// <summary>Replaces manifest.json inside the checkpoint at <paramref name="path"/> by <paramref name="edit"/> of it.</summary>
    public static void RewriteManifest(string path, Func<string, string> edit)
    {
        using var archive = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = archive.GetEntry("manifest.json")!;
        string manifest;
        using (var reader = new StreamReader(entry.Open()))
        {
            manifest = reader.ReadToEnd();
        }

        entry.Delete();
        using var writer = new StreamWriter(archive.CreateEntry("manifest.json").Open());
        writer.Write(edit(manifest));
    }
}
