using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>One alarm on the board, as of the snapshot.</summary>
/// <param name="Bed">Bed id.</param>
/// <param name="Type">Alarm type (rhythm or rule), the <c>type</c> of its alert events.</param>
/// <param name="Priority">Its priority.</param>
/// <param name="Onset">When the condition started.</param>
/// <param name="End">When the condition ended (a latched alarm, shown "condition ended, unacknowledged"); null while it lasts.</param>
/// <param name="Acknowledgement">Unacknowledged, silenced or acknowledged.</param>
/// <param name="Latched">True when it stays until acknowledged.</param>
/// <param name="Escalated">True once it stayed unacknowledged past its escalation delay.</param>
/// <param name="SilencedUntil">End of the current silence, while silenced.</param>
/// <param name="Operator">Who acknowledged or silenced it.</param>
/// <param name="Message">Text of the last raise.</param>
/// <param name="Value">Figure of the last raise.</param>
public sealed record ActiveAlarm(
    string Bed,
    string Type,
    AlarmPriority Priority,
    DateTimeOffset Onset,
    DateTimeOffset? End,
    AlarmAcknowledgement Acknowledgement,
    bool Latched,
    bool Escalated,
    DateTimeOffset? SilencedUntil,
    string? Operator,
    string Message,
    double Value)
{
    /// <summary>True while the alarm condition lasts.</summary>
    public bool ConditionActive => End is null;

    /// <summary>The alert event that shows this alarm to a board that has not seen it: its raise while its condition
    /// lasts, else its clear (at its end), with its alarm fields.</summary>
    public AlertMessage AsEvent() => new(
        Bed, End ?? Onset, Type, ConditionActive ? AlertState.Raise : AlertState.Clear, Message, Value,
        Priority, Onset, End, Acknowledgement, Latched, Escalated, SilencedUntil, Operator);
}
