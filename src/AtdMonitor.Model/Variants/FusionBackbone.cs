using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Encoders;
using AtdMonitor.Model.Matching;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Variants;

/// <summary>
/// What every variant shares after the task's embeddings: one transformer encoder per used modality, token
/// matching to T, then the variant's fusion (none for the unimodal variants). Only the modules a variant uses
/// are built, so parameter counts compare like the paper's Table 10.
/// </summary>
public sealed class FusionBackbone : nn.Module
{
    private readonly TransformerEncoder? firstEncoder;
    private readonly TransformerEncoder? secondEncoder;
    private readonly TokenMatcher? firstMatcher;
    private readonly TokenMatcher? secondMatcher;
    private readonly TokenFusion? fusion;

    public FusionBackbone(AtdConfig config) : base(nameof(FusionBackbone))
    {
        ArgumentNullException.ThrowIfNull(config);
        UsesFirst = config.Variant != Variant.ImageOnly;
        UsesSecond = config.Variant != Variant.SignalOnly;
        int d = config.ModelWidth, heads = config.AttentionHeads;
        if (UsesFirst)
        {
            firstEncoder = new TransformerEncoder(config.EncoderLayers, d, heads, config.FeedForwardWidth, config.Dropout);
            firstMatcher = new TokenMatcher(config.TokenMatching, config.MatchedTokens, d, heads, config.Dropout);
        }

        if (UsesSecond)
        {
            secondEncoder = new TransformerEncoder(config.EncoderLayers, d, heads, config.FeedForwardWidth, config.Dropout);
            secondMatcher = new TokenMatcher(config.TokenMatching, config.MatchedTokens, d, heads, config.Dropout);
        }

        fusion = config.Variant switch
        {
            Variant.Atd => new GuidedAtdFusion(d, config.FusionRounds, config.GuideMomentum, config.Guide, config.DisplacementInit),
            Variant.Concat => new ConcatFusion(d),
            Variant.Lmf => new LowRankFusion(d, config.LmfRank),
            Variant.CrossAttention => new CrossAttentionFusion(d, heads, config.Dropout),
            Variant.SignalOnly or Variant.ImageOnly => null,
            _ => throw new ArgumentOutOfRangeException(nameof(config), config.Variant, "Unknown variant."),
        };
        RegisterComponents();
    }

    /// <summary>Whether the variant reads modality 1 (the signal / numeric history).</summary>
    public bool UsesFirst { get; }

    /// <summary>Whether the variant reads modality 2 (the image / calendar).</summary>
    public bool UsesSecond { get; }

    /// <param name="first">[B, N1, d] embedded tokens of modality 1, or null when <see cref="UsesFirst"/> is false</param>
    /// <param name="second">[B, N2, d] embedded tokens of modality 2, or null when <see cref="UsesSecond"/> is false</param>
    /// <returns>[B, T, d] fused (or, for a unimodal variant, matched) tokens</returns>
    public Tensor Forward(Tensor? first, Tensor? second)
    {
        var firstMatched = firstEncoder is null || firstMatcher is null || first is null
            ? null
            : firstMatcher.forward(firstEncoder.forward(first));
        var secondMatched = secondEncoder is null || secondMatcher is null || second is null
            ? null
            : secondMatcher.forward(secondEncoder.forward(second));
        return (firstMatched, secondMatched) switch
        {
            ({ } one, { } two) when fusion is not null => fusion.forward(one, two),
            ({ } one, null) when !UsesSecond => one,
            (null, { } two) when !UsesFirst => two,
            _ => throw new ArgumentException("The tokens given do not match the modalities this variant uses."),
        };
    }
}
