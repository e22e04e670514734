namespace AtdMonitor.Streaming.Beats;

/// <summary>The quality of one raw window: <see cref="Problem"/> is null for a good window, else "flat line", "saturation" or "noise".</summary>
public readonly record struct SignalQualityVerdict(string? Problem, double PeakToPeakMillivolts, double NoiseIndex)
{
    public bool IsPoor => Problem is not null;
}
