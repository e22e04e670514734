namespace AtdMonitor.Model.Configuration;

/// <summary>How the ATD variant calibrates the two encoders' tokens before fusion (paper §3.3).</summary>
public enum GuideKind
{
    /// <summary>
    /// The paper's reading: one Guide for both modalities, its FFNN fed [mean tokens ; Emb(m)] with
    /// Emb = Embedding(2, d), and running statistics per modality.
    /// </summary>
    Shared,

    /// <summary>
    /// (ours, the first implementation) one Guide per modality with its own weights and statistics; the modality
    /// vector is then a constant input of each Guide. Checkpoints written before <see cref="Shared"/> existed are this.
    /// </summary>
    PerModality,

    /// <summary>No Guide: the matched tokens go to ATD Fusion as they are (the paper's ablation).</summary>
    None,
}
