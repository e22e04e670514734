namespace AtdMonitor.Simulator.Scoring;

/// <summary>One alert or one reference episode of a bed with its verdict (<see cref="AlertScoring.Judged"/>).</summary>
/// <param name="Kind"><see cref="Alert"/> or <see cref="ReferenceEpisode"/>.</param>
/// <param name="Type">The alert type (for an episode: the alert type judged against it).</param>
/// <param name="Span">Where it lies in the bed's stream, in samples.</param>
/// <param name="Verdict">For an alert <see cref="True"/>, <see cref="False"/>, <see cref="TechnicalAlert"/> or <see cref="Unscored"/>; for an episode <see cref="Detected"/> or <see cref="Missed"/>.</param>
public sealed record JudgedStretch(string Kind, string Type, Episode Span, string Verdict)
{
    /// <summary>Kind: an alert the worker raised.</summary>
    public const string Alert = "alert";

    /// <summary>Kind: a reference episode built from the annotations (or the same rule over the reference beats).</summary>
    public const string ReferenceEpisode = "episode";

    /// <summary>An alert that overlaps a reference episode of its type (within the tolerances).</summary>
    public const string True = "true";

    /// <summary>An alert that overlaps none: a false alarm.</summary>
    public const string False = "false";

    /// <summary>A technical alert (about the equipment): not judged against the patient's rhythm.</summary>
    public const string TechnicalAlert = "technical";

    /// <summary>An alert of a type without a reference (e.g. a forecast threshold).</summary>
    public const string Unscored = "unscored";

    /// <summary>An episode during which an alert of its type was active.</summary>
    public const string Detected = "detected";

    /// <summary>An episode no alert of its type covered.</summary>
    public const string Missed = "missed";
}
