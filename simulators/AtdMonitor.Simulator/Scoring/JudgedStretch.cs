namespace AtdMonitor.Simulator.Scoring;

/// <summary>One alert or one reference episode of a bed with its verdict (<see cref="AlertScoring.Judged"/>).</summary>
/// <param name="Kind"><see cref="Alert"/> or <see cref="ReferenceEpisode"/>.</param>
/// <param name="Type">The alert type (for an episode: the alert type judged against it).</param>
/// <param name="Span">Where it lies in the bed's stream, in samples.</param>
/// <param name="Verdict">For an alert <see cref="True"/>, <see cref="False"/>, <see cref="TechnicalAlert"/> or <see cref="Unscored"/>; for an episode <see cref="Detected"/> or <see cref="Missed"/>.</param>
public sealed record JudgedStretch(string Kind, string Type, Episode Span, string Verdict)
{
    public const string Alert = "alert";
    public const string ReferenceEpisode = "episode";
    public const string True = "true";
    public const string False = "false";
    public const string TechnicalAlert = "technical";
    public const string Unscored = "unscored";
    public const string Detected = "detected";
    public const string Missed = "missed";
}
