using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Model.Tests.Support;
using AtdMonitor.Model.Variants;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Tests;

public sealed class CheckpointTests
{
    public static TheoryData<Variant> Variants => TinyConfigs.AllVariants();

    [Theory]
    [MemberData(nameof(Variants))]
    public void An_arrhythmia_round_trip_gives_identical_outputs_and_metadata(Variant variant)
    {
        using var directory = new TemporaryDirectory();
        using var scope = NewDisposeScope();
        random.manual_seed(31);
        var config = TinyConfigs.Arrhythmia(variant) with { FusionRounds = 2 };
        var path = directory.File("beat.atd");
        using var original = new ArrhythmiaModel(config);
        TestCheckpoints.TrainBriefly(original); // moves the Guide's running statistics, which must travel too
        TestCheckpoints.ArrhythmiaMetadata(config).Save(path, original);
        var (signal, rhythm, image, present) = RandomInputs.Arrhythmia(config, 9);

        var (checkpoint, restored) = ModelCheckpoint.LoadArrhythmia(path);
        using (restored)
        {
            restored.eval();
            Assert.Equal(config, checkpoint.Config);
            Assert.Equal(TestCheckpoints.ClassNames, checkpoint.Labels);
            Assert.Equal(TestCheckpoints.ArrhythmiaMetadata(config).NormalizationFor(InputNames.Rhythm).Std, checkpoint.NormalizationFor(InputNames.Rhythm).Std);
            Assert.True(restored.forward(signal, rhythm, image, present).eq(original.forward(signal, rhythm, image, present)).all().item<bool>());
        }
    }

    [Fact]
    public void A_forecast_round_trip_gives_identical_outputs()
    {
        using var directory = new TemporaryDirectory();
        using var scope = NewDisposeScope();
        random.manual_seed(32);
        var config = TinyConfigs.Forecast();
        var path = directory.File("ett.atd");
        using var original = new ForecastModel(config);
        new ModelCheckpoint(config, TestCheckpoints.VariableNames, []).Save(path, original);
        original.eval();
        var (history, calendar) = RandomInputs.Forecast(config, 4);

        var (checkpoint, restored) = ModelCheckpoint.LoadForecast(path);
        using (restored)
        {
            restored.eval();
            Assert.Equal(TestCheckpoints.VariableNames, checkpoint.Labels);
            Assert.True(restored.forward(history, calendar).eq(original.forward(history, calendar)).all().item<bool>());
        }
    }

    [Fact]
    public void Loading_a_checkpoint_of_the_other_task_says_which_task_it_is()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("ett.atd");
        TestCheckpoints.Forecast(path, TinyConfigs.Forecast());

        var error = Assert.Throws<InvalidDataException>(() => ModelCheckpoint.LoadArrhythmia(path));

        Assert.Contains("is task=Forecast, expected Arrhythmia", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_into_another_architecture_lists_every_setting_that_differs()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("beat.atd");
        TestCheckpoints.Arrhythmia(path, TinyConfigs.Arrhythmia());
        using var wider = new ArrhythmiaModel(TinyConfigs.Arrhythmia(Variant.Lmf) with { ModelWidth = 32 });

        var error = Assert.Throws<InvalidDataException>(() => ModelCheckpoint.LoadWeights(path, wider));

        Assert.Contains("Variant Atd vs Lmf", error.Message, StringComparison.Ordinal);
        Assert.Contains("ModelWidth 16 vs 32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_of_another_format_version_is_refused_with_both_versions()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("beat.atd");
        TestCheckpoints.Arrhythmia(path, TinyConfigs.Arrhythmia());
        TestCheckpoints.RewriteManifest(path, manifest => manifest.Replace("\"FormatVersion\": 1", "\"FormatVersion\": 2", StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => ModelCheckpoint.Read(path));

        Assert.Contains("has format version 2, this build reads version 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_written_before_the_shared_guide_loads_with_its_per_modality_guides_and_the_same_outputs()
    {
        using var directory = new TemporaryDirectory();
        using var scope = NewDisposeScope();
        random.manual_seed(33);
        var config = TinyConfigs.Arrhythmia() with { Guide = GuideKind.PerModality };
        var path = directory.File("old.atd");
        using var original = new ArrhythmiaModel(config);
        TestCheckpoints.TrainBriefly(original);
        TestCheckpoints.ArrhythmiaMetadata(config).Save(path, original);
        TestCheckpoints.RewriteManifest(path, manifest =>
            manifest.Replace("\"Guide\": \"PerModality\",", string.Empty, StringComparison.Ordinal));
        var (signal, rhythm, image, present) = RandomInputs.Arrhythmia(config, 5);

        var (checkpoint, restored) = ModelCheckpoint.LoadArrhythmia(path);
        using (restored)
        {
            restored.eval();
            Assert.Equal(GuideKind.PerModality, checkpoint.Config.Guide);
            Assert.True(restored.forward(signal, rhythm, image, present).eq(original.forward(signal, rhythm, image, present)).all().item<bool>());
        }
    }

    [Fact]
    public void Per_modality_weights_are_refused_by_a_shared_guide_model_with_the_setting_named()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("old.atd");
        TestCheckpoints.Arrhythmia(path, TinyConfigs.Arrhythmia() with { Guide = GuideKind.PerModality });
        using var shared = new ArrhythmiaModel(TinyConfigs.Arrhythmia());

        var error = Assert.Throws<InvalidDataException>(() => ModelCheckpoint.LoadWeights(path, shared));

        Assert.Contains("Guide PerModality vs Shared", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arrhythmia-atd.ckpt", GuideKind.Shared)]
    [InlineData("arrhythmia-atd-intra.ckpt", GuideKind.Shared)]
    public void The_shipped_checkpoints_load_with_the_guide_they_were_trained_with(string file, GuideKind guide)
    {
        var path = Path.Combine(RepositoryModels(), file);

        var checkpoint = ModelCheckpoint.Read(path);
        using nn.Module model = ModelCheckpoint.LoadArrhythmia(path).Model;

        Assert.Equal(guide, checkpoint.Config.Guide);
        Assert.Equal(guide == GuideKind.PerModality, model.named_parameters().Any(named => named.name.Contains("firstGuide.hidden.weight", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_file_that_is_not_a_checkpoint_is_named_in_the_error()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("notes.txt");
        File.WriteAllText(path, "not a zip");

        var error = Assert.Throws<InvalidDataException>(() => ModelCheckpoint.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fitted_normalisation_gives_zero_mean_unit_std_per_position()
    {
        float[] values = [1, 10, 3, 30, 5, 50];

        var stats = NormalizationStats.Fit("history", values, width: 2);
        stats.Apply(values);

        Assert.Equal([3f, 30f], stats.Mean);
        Assert.Equal(0f, values[0] + values[2] + values[4], 5);
        Assert.Equal(3f, (values[1] * values[1]) + (values[3] * values[3]) + (values[5] * values[5]), 4);
    }

    /// <summary>The repository's models/ folder, found upwards from the test binaries.</summary>
    private static string RepositoryModels()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var models = Path.Combine(folder.FullName, "models");
            if (File.Exists(Path.Combine(models, "arrhythmia-atd.ckpt")))
            {
                return models;
            }
        }

        throw new DirectoryNotFoundException($"No models/arrhythmia-atd.ckpt above {AppContext.BaseDirectory}.");
    }
}
