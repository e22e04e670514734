namespace AtdMonitor.Station.Web;

/// <summary>The body of <c>POST /api/alarms/acknowledge</c>; the alarm-command path checks every field's bounds.</summary>
/// <param name="Bed">Bed id.</param>
/// <param name="Type">Alarm type.</param>
/// <param name="Operator">Who acknowledges (audited).</param>
internal sealed record AcknowledgeRequest(string? Bed, string? Type, string? Operator);
