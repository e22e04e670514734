using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization;
using AtdMonitor.Model.Variants;

namespace AtdMonitor.Model.Configuration;

/// <summary>
/// Everything needed to rebuild an ATD model (or one of its comparison variants); saved with every checkpoint.
/// The defaults are small enough to train on a 2-core CPU in minutes.
/// </summary>
public sealed record AtdConfig
{
    /// <summary>Calendar field cardinalities: hour, weekday, day of month − 1, month − 1.</summary>
    public static IReadOnlyList<int> CalendarCardinalities { get; } = [24, 7, 31, 12];

    public ModelTask Task { get; init; } = ModelTask.Arrhythmia;
    public Variant Variant { get; init; } = Variant.Atd;

    /// <summary>Token width d shared by every module.</summary>
    public int ModelWidth { get; init; } = 64;
    public int EncoderLayers { get; init; } = 2;
    public int AttentionHeads { get; init; } = 4;
    public int FeedForwardWidth { get; init; } = 128;
    public double Dropout { get; init; } = 0.1;

    /// <summary>Samples (time steps for forecasting) per signal patch token.</summary>
    public int SignalPatch { get; init; } = 16;

    /// <summary>Side of the square image patches.</summary>
    public int ImagePatch { get; init; } = 8;

    /// <summary>T: token count both modalities are matched to before fusion.</summary>
    public int MatchedTokens { get; init; } = 8;
    public TokenMatching TokenMatching { get; init; } = TokenMatching.Attention;

    /// <summary>K: ATD Fusion rounds. 1 = the paper's formula (both directions at once); ≥ 2 alternates.</summary>
    public int FusionRounds { get; init; } = 1;

    /// <summary>The ATD Guide: one shared by both modalities (the paper), one per modality, or none.</summary>
    public GuideKind Guide { get; init; } = GuideKind.Shared;

    /// <summary>How ATD Fusion's displacement matrices Θ start.</summary>
    public DisplacementInit DisplacementInit { get; init; } = DisplacementInit.Identity;

    /// <summary>Momentum of the ATD Guide's running channel statistics (as in batch normalisation).</summary>
    public double GuideMomentum { get; init; } = 0.1;

    /// <summary>Probability of replacing the image tokens by the learned missing token during training.</summary>
    public double ModalityDropout { get; init; } = 0.1;

    /// <summary>r: rank of the LMF factors.</summary>
    public int LmfRank { get; init; } = 4;

    // Arrhythmia inputs.
    public int SignalLength { get; init; } = 256;

    /// <summary>Per-beat rhythm and template features; the data layer's <c>BeatSpec.RhythmFeatureCount</c>.</summary>
    public int RhythmFeatures { get; init; } = 16;
    public int ImageRows { get; init; } = 32;
    public int ImageColumns { get; init; } = 32;
    public int Classes { get; init; } = 5;

    /// <summary>Arrhythmia: a linear head of the rhythm features alone splits the network's "N or S" between N and S
    /// (<c>Heads.RhythmSplitHead</c>); needs N and S as classes 0 and 1. Left out of the saved settings when false, so
    /// the runs and checkpoints made before it existed still match their settings.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool RhythmSplitHead { get; init; }

    // Forecast inputs.
    public int LookBack { get; init; } = 96;
    public int Horizon { get; init; } = 24;
    public int Variables { get; init; } = 7;

    /// <summary>Fused (the ATD family) or the DLinear reference.</summary>
    public ForecastArchitecture ForecastArchitecture { get; init; } = ForecastArchitecture.Fused;

    /// <summary>Fused forecasters: each variable is its own sample (as in PatchTST), its history patches one variable
    /// wide and its tokens sharing every weight with the other variables'; false patches all variables together.</summary>
    public bool ChannelIndependent { get; init; }

    /// <summary>Fused and RLinear forecasters: a learned daily cycle per variable, indexed by the calendar's hour, is
    /// taken out of the normalised history and put back into the forecast (residual cycle forecasting).</summary>
    public bool DailyCycle { get; init; }

    /// <summary>This configuration with the encoder width, depth, feed-forward width and heads of <paramref name="size"/>.</summary>
    public AtdConfig WithSize(ModelSize size) => size switch
    {
        ModelSize.Shipped => this with { ModelWidth = 32, EncoderLayers = 1, FeedForwardWidth = 64, AttentionHeads = 4 },
        ModelSize.Default => this with { ModelWidth = 64, EncoderLayers = 2, FeedForwardWidth = 128, AttentionHeads = 4 },
        ModelSize.Paper => this with { ModelWidth = 1024, EncoderLayers = 10, FeedForwardWidth = 4096, AttentionHeads = 16 },
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "Unknown model size."),
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot build a model.</summary>
    public void Validate()
    {
        Require(ModelWidth > 0, nameof(ModelWidth), "must be positive");
        Require(AttentionHeads > 0 && ModelWidth % AttentionHeads == 0, nameof(AttentionHeads), $"must divide ModelWidth ({ModelWidth})");
        Require(EncoderLayers >= 0, nameof(EncoderLayers), "must be 0 or more");
        Require(FeedForwardWidth > 0, nameof(FeedForwardWidth), "must be positive");
        Require(Dropout is >= 0 and < 1, nameof(Dropout), "must be in [0, 1)");
        Require(ModalityDropout is >= 0 and < 1, nameof(ModalityDropout), "must be in [0, 1)");
        Require(GuideMomentum is > 0 and <= 1, nameof(GuideMomentum), "must be in (0, 1]");
        Require(MatchedTokens > 0, nameof(MatchedTokens), "must be positive");
        Require(FusionRounds > 0, nameof(FusionRounds), "must be positive");
        Require(LmfRank > 0, nameof(LmfRank), "must be positive");
        Require(SignalPatch > 0, nameof(SignalPatch), "must be positive");
        if (Task == ModelTask.Arrhythmia)
        {
            Require(SignalLength > 0 && SignalLength % SignalPatch == 0, nameof(SignalLength), $"must be a positive multiple of SignalPatch ({SignalPatch})");
            Require(RhythmFeatures > 0, nameof(RhythmFeatures), "must be positive");
            Require(ImagePatch > 0 && ImageRows % ImagePatch == 0, nameof(ImageRows), $"must be a positive multiple of ImagePatch ({ImagePatch})");
            Require(ImageColumns % ImagePatch == 0, nameof(ImageColumns), $"must be a positive multiple of ImagePatch ({ImagePatch})");
            Require(Classes > 1, nameof(Classes), "must be at least 2");
            Require(!RhythmSplitHead || Classes > 2, nameof(RhythmSplitHead), "needs N, S and at least one more class");
        }
        else
        {
            Require(LookBack > 0 && LookBack % SignalPatch == 0, nameof(LookBack), $"must be a positive multiple of SignalPatch ({SignalPatch})");
            Require(Horizon > 0, nameof(Horizon), "must be positive");
            Require(Variables > 0, nameof(Variables), "must be positive");
            Require(!DailyCycle || ForecastArchitecture != ForecastArchitecture.DLinear, nameof(DailyCycle), "needs the fused or RLinear forecaster (DLinear has no RevIN to take it out of)");
        }
    }

    /// <summary>
    /// The settings that differ from <paramref name="expected"/>, each as "Name this vs expected"
    /// (e.g. "ModelWidth 64 vs 128"); empty when both build the same architecture.
    /// </summary>
    public IReadOnlyList<string> DifferencesFrom(AtdConfig expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var differences = new List<string>();
        foreach (var property in typeof(AtdConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var mine = property.GetValue(this);
            var theirs = property.GetValue(expected);
            if (!Equals(mine, theirs))
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"{property.Name} {mine} vs {theirs}"));
            }
        }

        return differences;
    }

    private static void Require(bool condition, string setting, string expectation)
    {
        if (!condition)
        {
            throw new ArgumentException($"AtdConfig.{setting} {expectation}.", setting);
        }
    }
}
