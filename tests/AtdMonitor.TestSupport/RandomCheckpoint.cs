using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Spectrograms;
using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Tasks;
using TorchSharp;

namespace AtdMonitor.TestSupport;

/// <summary>A small randomly initialised beat classifier with the stream's real input shapes, saved through the model's checkpoint API.</summary>
public static class RandomCheckpoint
{
    // The size both tiny models share: quick to build and save, with the real input shapes set around it.
    private static readonly AtdConfig Tiny = new() { ModelWidth = 16, EncoderLayers = 1, AttentionHeads = 2, FeedForwardWidth = 32, MatchedTokens = 4 };

    /// <param name="path">Where to write it.</param>
    /// <param name="rhythmFeatures">Per-beat features the model takes; another count than the stream computes makes a stale checkpoint.</param>
    public static void WriteArrhythmia(string path, int rhythmFeatures = BeatSpec.RhythmFeatureCount)
    {
        var config = Tiny with
        {
            Task = ModelTask.Arrhythmia,
            SignalLength = BeatSpec.WindowLength,
            SignalPatch = 32,
            RhythmFeatures = rhythmFeatures,
            ImageRows = SpectrogramSpec.Rows,
            ImageColumns = SpectrogramSpec.BeatColumns,
            ImagePatch = 8,
            Classes = AamiMapping.ClassCount,
        };
        using var model = new ArrhythmiaModel(config);
        new ModelCheckpoint(config, AamiMapping.ClassNames, []).Save(path, model);
    }

    /// <summary>A forecaster over HUFL and OT with a look-back of 16 steps and a horizon of 4; with <paramref name="trainedInterval"/>
    /// it records training data sampled at that interval.</summary>
    public static void WriteForecast(string path, TimeSpan? trainedInterval = null, bool dailyCycle = false)
    {
        var config = Tiny with
        {
            Task = ModelTask.Forecast,
            LookBack = 16,
            Horizon = 4,
            Variables = 2,
            SignalPatch = 4,
            DailyCycle = dailyCycle,
        };
        using var model = new ForecastModel(config);
        if (dailyCycle)
        {
            // A trained cycle is far from zero; zero (the initial value) would hide the hours it is read at.
            using var noGrad = torch.no_grad();
            model.named_parameters().Single(p => p.name == "dailyCycle.cycle").parameter.copy_(torch.randn(24, config.Variables));
        }

        var data = trainedInterval is { } interval
            ? new ForecastTrainingData("sensors.csv", "0123456789abcdef", interval, 100, [0, 60], [44, 80], [64, 100], config.LookBack, config.Horizon, ["HUFL", "OT"])
            : null;
        new ModelCheckpoint(config, ["HUFL", "OT"], [], data).Save(path, model);
    }
}
