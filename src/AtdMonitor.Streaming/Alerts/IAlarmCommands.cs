using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>Carries out operators' alarm commands (acknowledge, silence), from the command topic or the central station.</summary>
public interface IAlarmCommands
{
    /// <summary>
    /// Checks and applies <paramref name="command"/>, audits it in the store and publishes its outcome as an alert event
    /// (acknowledge, silence or refuse) on the monitoring feed and the alert topic. Never throws for a bad command: the
    /// outcome says why it was not applied.
    /// </summary>
    /// <param name="command">The command; its bounds are checked again here (<see cref="Protocol.Validation.AlarmCommandRules"/>).</param>
    /// <param name="source">Where it came from: <see cref="AlarmCommandSources.Mqtt"/> or <see cref="AlarmCommandSources.Station"/> (audited).</param>
    AlarmCommandOutcome Execute(AlarmCommand command, string source);
}
