namespace AtdMonitor.Model.Variants;

/// <summary>
/// The ATD model and the comparison models of the paper's §5: same encoders and heads, only the fusion differs.
/// </summary>
public enum Variant
{
    /// <summary>ATD Guide (shared by both modalities by default), then ATD Fusion (displacement rounds).</summary>
    Atd,

    /// <summary>Signal encoder alone (ECG window + rhythm token, or the numeric history).</summary>
    SignalOnly,

    /// <summary>Second encoder alone: the spectrogram image, or for forecasting the calendar.</summary>
    ImageOnly,

    /// <summary>W [f1 ; f2] + b on the matched tokens.</summary>
    Concat,

    /// <summary>Low-rank multimodal fusion (Liu et al. 2018) with rank-r modality-specific factors.</summary>
    Lmf,

    /// <summary>Each modality attends to the other; the two outputs are concatenated and projected.</summary>
    CrossAttention,
}
