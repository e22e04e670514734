namespace AtdMonitor.Station.Web;

/// <summary>The body of <c>POST /api/alarms/acknowledge</c>; the alarm-command path checks every field's bounds.</summary>
/// <param name="Bed">Bed id.</param>
/// <param name="Type">Alarm type.</param>
/// <param name="Operator">Who acknowledges (audited).</param>
/// <param name="Onset">The onset of the episode on the nurse's list; when given, an alarm on the board with another onset
/// (a newer episode the list had not shown yet) is refused instead of acknowledged unseen.</param>
internal sealed record AcknowledgeRequest(string? Bed, string? Type, string? Operator, DateTimeOffset? Onset = null);
