using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Checkpoints;

/// <summary>
/// One versioned artefact (a zip): manifest.json (format version, configuration, label names, input
/// normalisation) and weights.bin (the TorchSharp state of the model).
/// </summary>
/// <param name="Config">The architecture the weights belong to.</param>
/// <param name="Labels">Class names (arrhythmia) or variable names (forecast), in output order.</param>
/// <param name="Normalization">Normalisation per input; an input without an entry is used as is.</param>
/// <param name="Data">Forecast checkpoints: the data they were trained on; null for arrhythmia and older checkpoints.</param>
public sealed record ModelCheckpoint(AtdConfig Config, IReadOnlyList<string> Labels, IReadOnlyList<NormalizationStats> Normalization, ForecastTrainingData? Data = null)
{
    /// <summary>Version of the artefact layout; bumped when it changes incompatibly.</summary>
    public const int FormatVersion = 1;

    private const string ManifestEntry = "manifest.json";
    private const string WeightsEntry = "weights.bin";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Temperature and confidence floor (classifiers); <see cref="ClassifierCalibration.None"/> unless calibrated.</summary>
    public ClassifierCalibration Calibration { get; init; } = ClassifierCalibration.None;

    /// <summary>The stats for <paramref name="input"/>, or identity when the checkpoint has none.</summary>
    public NormalizationStats NormalizationFor(string input) =>
        Normalization.FirstOrDefault(stats => stats.Input == input) ?? NormalizationStats.Identity(input);

    /// <summary>Writes the artefact to <paramref name="path"/> (replacing it) with the weights of <paramref name="model"/>.</summary>
    public void Save<TModel>(string path, TModel model) where TModel : nn.Module, IAtdModel
    {
        ArgumentNullException.ThrowIfNull(model);
        var differences = model.Config.DifferencesFrom(Config);
        if (differences.Count > 0)
        {
            throw new ArgumentException($"The model does not match the checkpoint configuration: {string.Join("; ", differences)}.", nameof(model));
        }

        var temporary = path + ".tmp";
        try
        {
            WriteArchive(temporary, model);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        File.Move(temporary, path, overwrite: true);
    }

    private void WriteArchive(string path, nn.Module model)
    {
        using var file = File.Create(path);
        using var archive = new ZipArchive(file, ZipArchiveMode.Create);
        using (var manifest = archive.CreateEntry(ManifestEntry).Open())
        {
            JsonSerializer.Serialize(manifest, new CheckpointManifest(FormatVersion, Config, Labels, Normalization, Data, Calibration), JsonOptions);
        }

        using var weights = new BinaryWriter(archive.CreateEntry(WeightsEntry, CompressionLevel.Fastest).Open());
        model.save(weights);
    }

    /// <summary>Replaces the calibration recorded in the checkpoint at <paramref name="path"/>; the weights are kept as they are.</summary>
    public static void WriteCalibration(string path, ClassifierCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        calibration.Validate();
        var checkpoint = Read(path);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Update);
        archive.GetEntry(ManifestEntry)!.Delete();
        using var manifest = archive.CreateEntry(ManifestEntry).Open();
        JsonSerializer.Serialize(manifest, new CheckpointManifest(FormatVersion, checkpoint.Config, checkpoint.Labels, checkpoint.Normalization, checkpoint.Data, calibration), JsonOptions);
    }

    /// <summary>Reads the manifest only (no weights).</summary>
    public static ModelCheckpoint Read(string path)
    {
        using var archive = OpenArchive(path);
        return ReadManifest(path, archive);
    }

    /// <summary>Builds the arrhythmia model the checkpoint describes and loads its weights.</summary>
    public static (ModelCheckpoint Checkpoint, ArrhythmiaModel Model) LoadArrhythmia(string path) =>
        LoadModel(path, ModelTask.Arrhythmia, config => new ArrhythmiaModel(config));

    /// <summary>Builds the forecast model the checkpoint describes and loads its weights.</summary>
    public static (ModelCheckpoint Checkpoint, ForecastModel Model) LoadForecast(string path) =>
        LoadModel(path, ModelTask.Forecast, config => new ForecastModel(config));

    /// <summary>
    /// Loads the weights into an existing model; fails with every setting that differs
    /// (e.g. "ModelWidth 64 vs 128" = checkpoint vs model) when the architectures do not match.
    /// </summary>
    public static ModelCheckpoint LoadWeights<TModel>(string path, TModel model) where TModel : nn.Module, IAtdModel
    {
        ArgumentNullException.ThrowIfNull(model);
        using var archive = OpenArchive(path);
        var checkpoint = ReadManifest(path, archive);
        if (checkpoint.Config.Task != model.Config.Task)
        {
            throw new InvalidDataException(
                $"Checkpoint '{path}' is task={checkpoint.Config.Task}, expected {model.Config.Task}.");
        }

        var differences = checkpoint.Config.DifferencesFrom(model.Config);
        if (differences.Count > 0)
        {
            throw new InvalidDataException(
                $"Checkpoint '{path}' has another architecture (checkpoint vs expected): {string.Join("; ", differences)}.");
        }

        var entry = archive.GetEntry(WeightsEntry)
            ?? throw new InvalidDataException($"Checkpoint '{path}' has no {WeightsEntry}.");
        using var weights = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(weights);
        }

        weights.Position = 0;
        using var reader = new BinaryReader(weights);
        model.load(reader);
        return checkpoint;
    }

    private static (ModelCheckpoint, TModel) LoadModel<TModel>(string path, ModelTask task, Func<AtdConfig, TModel> build)
        where TModel : nn.Module, IAtdModel
    {
        var checkpoint = Read(path);
        if (checkpoint.Config.Task != task)
        {
            throw new InvalidDataException($"Checkpoint '{path}' is task={checkpoint.Config.Task}, expected {task}.");
        }

        var model = build(checkpoint.Config);
        try
        {
            LoadWeights(path, model);
        }
        catch
        {
            model.Dispose();
            throw;
        }

        return (checkpoint, model);
    }

    private static ZipArchive OpenArchive(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Checkpoint '{path}' does not exist.", path);
        }

        try
        {
            return ZipFile.OpenRead(path);
        }
        catch (InvalidDataException exception)
        {
            throw new InvalidDataException($"Checkpoint '{path}' is not a checkpoint archive (zip): {exception.Message}", exception);
        }
    }

    private static ModelCheckpoint ReadManifest(string path, ZipArchive archive)
    {
        var entry = archive.GetEntry(ManifestEntry)
            ?? throw new InvalidDataException($"Checkpoint '{path}' has no {ManifestEntry}.");
        CheckpointManifest? manifest;
        using (var stream = entry.Open())
        {
            try
            {
                manifest = WithLegacyGuide(JsonNode.Parse(stream))?.Deserialize<CheckpointManifest>(JsonOptions);
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"Checkpoint '{path}': {ManifestEntry} is not valid: {exception.Message}", exception);
            }
        }

        if (manifest is null)
        {
            throw new InvalidDataException($"Checkpoint '{path}': {ManifestEntry} is empty.");
        }

        if (manifest.FormatVersion != FormatVersion)
        {
            throw new InvalidDataException(
                $"Checkpoint '{path}' has format version {manifest.FormatVersion}, this build reads version {FormatVersion}.");
        }

        var calibration = manifest.Calibration ?? ClassifierCalibration.None;
        try
        {
            calibration.Validate();
        }
        catch (InvalidDataException exception)
        {
            throw new InvalidDataException($"Checkpoint '{path}': {exception.Message}", exception);
        }

        return new ModelCheckpoint(manifest.Config, manifest.Labels, manifest.Normalization, manifest.Data) { Calibration = calibration };
    }

    /// <summary>
    /// A configuration that does not name its Guide was written before the shared Guide existed, when every ATD
    /// model had one Guide per modality: it is read as <see cref="GuideKind.PerModality"/>, so that old weights
    /// load into the layout they were trained in instead of failing (or misloading) against the new default.
    /// </summary>
    private static JsonNode? WithLegacyGuide(JsonNode? manifest)
    {
        if (manifest?[nameof(CheckpointManifest.Config)] is JsonObject config && !config.ContainsKey(nameof(AtdConfig.Guide)))
        {
            config[nameof(AtdConfig.Guide)] = nameof(GuideKind.PerModality);
        }

        return manifest;
    }
}
