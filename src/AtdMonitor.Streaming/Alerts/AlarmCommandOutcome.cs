using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>The result of <see cref="IAlarmCommands.Execute"/>.</summary>
/// <param name="Status">Applied, refused or invalid.</param>
/// <param name="Reason">One line for the operator: what was done, or why not.</param>
/// <param name="Event">The alert event published for it (acknowledge, silence or refuse); null for an invalid command.</param>
public sealed record AlarmCommandOutcome(AlarmCommandStatus Status, string Reason, AlertMessage? Event)
{
    public bool Applied => Status == AlarmCommandStatus.Applied;
}
