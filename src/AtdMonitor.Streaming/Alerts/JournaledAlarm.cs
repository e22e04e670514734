using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Protocol.Validation;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>
/// What the <see cref="IAlarmJournal"/> keeps of a latched alarm not yet acknowledged, so that a restarted worker can
/// put it back on the board: everything the board shows of it, and its escalation and silence.
/// </summary>
/// <param name="Bed">Bed id.</param>
/// <param name="Type">Alarm type.</param>
/// <param name="Priority">Its priority when it was raised.</param>
/// <param name="Onset">When the condition started.</param>
/// <param name="End">When the condition ended; null while it lasted at the last record.</param>
/// <param name="RaisedAt">When the worker raised it, or its condition last came back, on the worker's clock.</param>
/// <param name="Acknowledgement">Unacknowledged or silenced (an acknowledged alarm leaves the journal).</param>
/// <param name="Escalated">True once it escalated.</param>
/// <param name="EscalationDue">When it escalates if still unacknowledged, on the worker's clock; null when never.</param>
/// <param name="SilencedUntil">End of its silence, while silenced.</param>
/// <param name="Operator">Who silenced it.</param>
/// <param name="Message">Text of its last raise (at most <see cref="MaxMessageLength"/> characters).</param>
/// <param name="Value">Figure of its last raise.</param>
public sealed record JournaledAlarm(
    string Bed,
    string Type,
    AlarmPriority Priority,
    DateTimeOffset Onset,
    DateTimeOffset? End,
    DateTimeOffset RaisedAt,
    AlarmAcknowledgement Acknowledgement,
    bool Escalated,
    DateTimeOffset? EscalationDue,
    DateTimeOffset? SilencedUntil,
    string? Operator,
    string Message,
    double Value)
{
    /// <summary>Longest message kept; a longer one is cut when recorded and refused when read.</summary>
    public const int MaxMessageLength = 256;

    /// <summary>
    /// Why this record cannot be restored, or null when it can: a journal is read from disk, so every value is checked
    /// against the bounds the worker itself keeps (ids in the protocol's syntax, times within the protocol's range, an
    /// end not before the onset, a silence only while silenced, a short printable message, a finite figure).
    /// </summary>
    public string? Problem()
    {
        var limits = ProtocolLimits.Default;
        bool InRange(DateTimeOffset? time) => time is not { } t || (t >= limits.MinTime && t <= limits.MaxTime);
        return this switch
        {
            _ when !AtdTopics.IsValidId(Bed) => "bed is not a bed id",
            _ when !AtdTopics.IsValidId(Type) => "type is not an alarm type",
            _ when !Enum.IsDefined(Priority) => "priority is not a priority",
            _ when Acknowledgement is not (AlarmAcknowledgement.Unacknowledged or AlarmAcknowledgement.Silenced) => "acknowledgement must be unacknowledged or silenced",
            _ when !InRange(Onset) || !InRange(End) || !InRange(RaisedAt) || !InRange(EscalationDue) || !InRange(SilencedUntil) =>
                $"a time is outside {limits.MinTime:yyyy-MM-dd}..{limits.MaxTime:yyyy-MM-dd}",
            _ when End < Onset => "end is before onset",
            _ when (SilencedUntil is null) == (Acknowledgement == AlarmAcknowledgement.Silenced) => "silenced_until must be set exactly while silenced",
            _ when Operator is not null && !AlarmCommandRules.IsValidOperator(Operator) => "operator is not an operator id",
            _ when Message is null || Message.Length > MaxMessageLength || Message.Any(char.IsControl) => $"message must be at most {MaxMessageLength} printable characters",
            _ when !double.IsFinite(Value) => "value is not a finite number",
            _ => null,
        };
    }
}
