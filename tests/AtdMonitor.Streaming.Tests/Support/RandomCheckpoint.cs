using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Spectrograms;
using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Tasks;

namespace AtdMonitor.Streaming.Tests.Support;

/// <summary>A small randomly initialised beat classifier with the stream's real input shapes, saved through the model's checkpoint API.</summary>
internal static class RandomCheckpoint
{
    public static void WriteArrhythmia(string path)
    {
        var config = new AtdConfig
        {
            Task = ModelTask.Arrhythmia,
            ModelWidth = 16,
            EncoderLayers = 1,
            AttentionHeads = 2,
            FeedForwardWidth = 32,
            MatchedTokens = 4,
            SignalLength = BeatSpec.WindowLength,
            SignalPatch = 32,
            RhythmFeatures = BeatSpec.RhythmFeatureCount,
            ImageRows = SpectrogramSpec.Rows,
            ImageColumns = SpectrogramSpec.BeatColumns,
            ImagePatch = 8,
            Classes = AamiMapping.ClassCount,
        };
        using var model = new ArrhythmiaModel(config);
        new ModelCheckpoint(config, AamiMapping.ClassNames, []).Save(path, model);
    }
}
