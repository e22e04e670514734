namespace AtdMonitor.Streaming.Beats;

/// <summary>Why a beat is labelled unclassifiable instead of taking the model's most probable class.</summary>
public enum UnclassifiableReason
{
    /// <summary>The beat is judged.</summary>
    None,

    /// <summary>The top calibrated probability is below the checkpoint's confidence floor.</summary>
    LowConfidence,

    /// <summary>The signal around the beat is poor (the bed's signal-quality alarm is active).</summary>
    PoorSignal,
}
