using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Variants;

namespace AtdMonitor.Model.Tests.Support;

/// <summary>Configurations small enough that every test runs in well under a second per model.</summary>
internal static class TinyConfigs
{
    public static AtdConfig Arrhythmia(Variant variant = Variant.Atd) => new()
    {
        Task = ModelTask.Arrhythmia,
        Variant = variant,
        ModelWidth = 16,
        EncoderLayers = 1,
        AttentionHeads = 2,
        FeedForwardWidth = 32,
        SignalLength = 32,
        SignalPatch = 8,
        ImageRows = 8,
        ImageColumns = 8,
        ImagePatch = 4,
        MatchedTokens = 4,
    };

    public static AtdConfig Forecast(Variant variant = Variant.Atd) => new()
    {
        Task = ModelTask.Forecast,
        Variant = variant,
        ModelWidth = 16,
        EncoderLayers = 1,
        AttentionHeads = 2,
        FeedForwardWidth = 32,
        LookBack = 16,
        Horizon = 4,
        Variables = 3,
        SignalPatch = 4,
        MatchedTokens = 4,
    };

    public static TheoryData<Variant> AllVariants() => new(Enum.GetValues<Variant>());
}
