namespace AtdMonitor.Model.Configuration;

/// <summary>How each modality's token sequence is brought to the common count of T tokens before fusion.</summary>
public enum TokenMatching
{
    /// <summary>T learned query vectors attend over the tokens (attention pooling).</summary>
    Attention,

    /// <summary>Adaptive average pooling over the token axis (no parameters).</summary>
    AveragePooling,
}
