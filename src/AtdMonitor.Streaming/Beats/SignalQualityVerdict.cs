namespace AtdMonitor.Streaming.Beats;

/// <summary>
/// The quality of one raw window: <see cref="Problem"/> is null for a good window, else <see cref="FlatLine"/>,
/// <see cref="LeadOff"/>, <see cref="Saturation"/>, <see cref="Noise"/>, <see cref="UnconfirmedBeats"/> or <see cref="NoQrsOnLead0"/>.
/// </summary>
public readonly record struct SignalQualityVerdict(string? Problem, double PeakToPeakMillivolts, double NoiseIndex)
{
    /// <summary>The problem of a window with almost no amplitude: a lead off, or asystole (docs/WORKER.md).</summary>
    public const string FlatLine = "flat line";

    /// <summary>The problem of a window whose device reports lead 0's electrodes off (its lead-off detection).</summary>
    public const string LeadOff = "lead off";

    /// <summary>The problem of a clipped window, or one beyond the amplifier's range.</summary>
    public const string Saturation = "saturation";

    /// <summary>The problem of a window whose fast changes are large against its amplitude (muscle, motion, mains).</summary>
    public const string Noise = "noise";

    /// <summary>The problem of a window after which too many of the bed's recent beats were not confirmed by the second QRS detector.</summary>
    public const string UnconfirmedBeats = "beats not confirmed by a second detector";

    /// <summary>The problem of a window in which lead 0 has shown no QRS for as long as asystole takes while lead 1 shows
    /// them (an electrode losing contact, a lead's amplitude dropping out): a technical alarm, not asystole.</summary>
    public const string NoQrsOnLead0 = "no QRS on lead 0 while lead 1 shows beats";

    public bool IsPoor => Problem is not null;

    /// <summary>True when the only problem is the detectors' disagreement, which fibrillation waves cause as much as noise does.</summary>
    public bool OnlyUnconfirmedBeats => Problem == UnconfirmedBeats;
}
