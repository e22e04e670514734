using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Variants;
using AtdMonitor.Training.Arrhythmia;
using AtdMonitor.Training.Forecasting;

namespace AtdMonitor.Cli.Commands;

/// <summary>The command-line spellings of the training enums (kebab case), shared by train, eval and bench.</summary>
internal static class TrainingChoices
{
    public static readonly IReadOnlyDictionary<string, Variant> Variants = new Dictionary<string, Variant>(StringComparer.Ordinal)
    {
        ["atd"] = Variant.Atd,
        ["signal-only"] = Variant.SignalOnly,
        ["image-only"] = Variant.ImageOnly,
        ["concat"] = Variant.Concat,
        ["lmf"] = Variant.Lmf,
        ["cross-attention"] = Variant.CrossAttention,
    };

    public static readonly IReadOnlyDictionary<string, GuideKind> Guides = new Dictionary<string, GuideKind>(StringComparer.Ordinal)
    {
        ["shared"] = GuideKind.Shared,
        ["per-modality"] = GuideKind.PerModality,
        ["none"] = GuideKind.None,
    };

    public static readonly IReadOnlyDictionary<string, DisplacementInit> DisplacementInits = new Dictionary<string, DisplacementInit>(StringComparer.Ordinal)
    {
        ["identity"] = DisplacementInit.Identity,
        ["random"] = DisplacementInit.Random,
    };

    public static readonly IReadOnlyDictionary<string, BeatProtocol> Splits = new Dictionary<string, BeatProtocol>(StringComparer.Ordinal)
    {
        ["inter"] = BeatProtocol.Inter,
        ["intra"] = BeatProtocol.Intra,
    };

    public static readonly IReadOnlyDictionary<string, ClassBalancing> Balancings = new Dictionary<string, ClassBalancing>(StringComparer.Ordinal)
    {
        ["weights"] = ClassBalancing.Weights,
        ["sampling"] = ClassBalancing.Sampling,
        ["none"] = ClassBalancing.None,
    };

    public static readonly IReadOnlyDictionary<string, ForecastArchitecture> Architectures = new Dictionary<string, ForecastArchitecture>(StringComparer.Ordinal)
    {
        [Fused] = ForecastArchitecture.Fused,
        ["dlinear"] = ForecastArchitecture.DLinear,
        ["rlinear"] = ForecastArchitecture.RLinear,
    };

    public static readonly IReadOnlyDictionary<string, ForecastLoss> ForecastLosses = new Dictionary<string, ForecastLoss>(StringComparer.Ordinal)
    {
        ["mse"] = ForecastLoss.Mse,
        ["mae"] = ForecastLoss.Mae,
    };

    public const string Fused = "fused";
    public const string Arrhythmia = "arrhythmia";
    public const string Forecast = "forecast";
    public const string Multivariate = "multivariate";
    public const string Univariate = "univariate";

    public static string NameOf(Variant variant) => Variants.First(pair => pair.Value == variant).Key;
}
