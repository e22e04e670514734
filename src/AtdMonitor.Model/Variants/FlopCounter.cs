using AtdMonitor.Model.Configuration;

namespace AtdMonitor.Model.Variants;

/// <summary>
/// Forward-pass floating-point operations per sample, counted from the configuration: 2 × the multiply-adds of
/// every matrix product (linear layers, the patch convolution, attention's QKᵀ and AV, Θ, LMF's factors).
/// Element-wise work (norms, softmax, GELU, the Guide's normalisation) and table look-ups are left out; they are a
/// few percent at these widths. Training costs about three times the forward pass.
/// </summary>
public static class FlopCounter
{
    /// <summary>Forward FLOPs of one sample (one beat, or one forecast window) through the model <paramref name="config"/> builds.</summary>
    public static long ForwardFlops(AtdConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        long d = config.ModelWidth, t = config.MatchedTokens;
        var usesFirst = config.Variant != Variant.ImageOnly;
        var usesSecond = config.Variant != Variant.SignalOnly;
        var arrhythmia = config.Task == ModelTask.Arrhythmia;
        long firstTokens, secondTokens, multiplyAdds = 0;
        if (arrhythmia)
        {
            firstTokens = (config.SignalLength / config.SignalPatch) + 1;
            secondTokens = (long)(config.ImageRows / config.ImagePatch) * (config.ImageColumns / config.ImagePatch);
            multiplyAdds += usesFirst ? (config.SignalLength * d) + (config.RhythmFeatures * d) : 0;
            multiplyAdds += usesSecond ? secondTokens * config.ImagePatch * config.ImagePatch * d : 0;
            multiplyAdds += d * config.Classes;
        }
        else
        {
            firstTokens = config.LookBack / config.SignalPatch;
            secondTokens = (config.LookBack + config.Horizon + config.SignalPatch - 1) / config.SignalPatch;
            multiplyAdds += usesFirst ? (config.LookBack * config.Variables * d) + ((long)config.LookBack * config.Horizon * config.Variables) : 0;
            multiplyAdds += usesSecond ? secondTokens * config.SignalPatch * d * d : 0;
            multiplyAdds += t * d * config.Horizon * config.Variables;
        }

        foreach (var (used, tokens) in new[] { (usesFirst, firstTokens), (usesSecond, secondTokens) })
        {
            if (used)
            {
                multiplyAdds += config.EncoderLayers * EncoderLayer(tokens, d, config.FeedForwardWidth);
                multiplyAdds += config.TokenMatching == TokenMatching.Attention ? Attention(t, tokens, d) : 0;
            }
        }

        return 2 * (multiplyAdds + Fusion(config, t, d));
    }

    private static long Fusion(AtdConfig config, long t, long d) => config.Variant switch
    {
        Variant.Atd => (config.Guide == GuideKind.None ? 0 : 2 * 4 * d * d) // per modality [mean ; e] (2d) → d → (γ, β) (2d), once per sample
            + ((config.FusionRounds == 1 ? 2 : config.FusionRounds) * t * d * d) // h Θ
            + (t * 2 * d * d), // W [h1 ; h2]
        Variant.Concat => t * 2 * d * d,
        Variant.Lmf => 2L * config.LmfRank * t * (d + 1) * d,
        Variant.CrossAttention => (2 * Attention(t, t, d)) + (t * 2 * d * d),
        _ => 0,
    };

    /// <summary>Q from <paramref name="queries"/> tokens, K and V from <paramref name="keys"/>, QKᵀ, AV, output projection.</summary>
    private static long Attention(long queries, long keys, long d) =>
        (queries * d * d) + (keys * 2 * d * d) + (2 * queries * keys * d) + (queries * d * d);

    private static long EncoderLayer(long tokens, long d, long feedForward) =>
        Attention(tokens, tokens, d) + (2 * tokens * d * feedForward);
}
