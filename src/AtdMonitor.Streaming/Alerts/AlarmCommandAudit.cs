using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>One audited alarm command, written to the <c>alarm_command</c> measurement.</summary>
/// <param name="Time">When the worker handled it.</param>
/// <param name="Bed">Bed id (made printable when the command was out of bounds).</param>
/// <param name="Alarm">Alarm type.</param>
/// <param name="Action">Acknowledge or silence.</param>
/// <param name="Operator">Who issued it.</param>
/// <param name="Source"><see cref="AlarmCommandSources.Mqtt"/> or <see cref="AlarmCommandSources.Station"/>.</param>
/// <param name="Outcome">Applied, refused or invalid.</param>
/// <param name="Reason">The outcome's one line.</param>
/// <param name="IssuedAt">When the operator issued it.</param>
/// <param name="SilenceFor">The silence asked for, if any.</param>
public sealed record AlarmCommandAudit(
    DateTimeOffset Time,
    string Bed,
    string Alarm,
    AlarmAction Action,
    string Operator,
    string Source,
    AlarmCommandStatus Outcome,
    string Reason,
    DateTimeOffset IssuedAt,
    TimeSpan? SilenceFor);
