namespace AtdMonitor.Data.Wfdb;

/// <summary>One annotation of a WFDB (MIT-format) annotation file.</summary>
/// <param name="Sample">The sample index it refers to.</param>
/// <param name="Code">The annotation code (1 = N, 5 = V, ...).</param>
/// <param name="Symbol">The code's mnemonic ("N", "V", "+", ...).</param>
/// <param name="SubType">The subtype field (0 unless set).</param>
/// <param name="Channel">The channel field (carries over until changed).</param>
/// <param name="Number">The num field (carries over until changed).</param>
/// <param name="Aux">The auxiliary text (e.g. "(AFIB" for rhythm changes), or null.</param>
public readonly record struct WfdbAnnotation(long Sample, int Code, string Symbol, int SubType, int Channel, int Number, string? Aux)
{
    /// <summary>Whether the annotation labels a beat (WFDB <c>isqrs</c>).</summary>
    public bool IsBeat => WfdbAnnotationCodes.IsBeat(Code);
}
