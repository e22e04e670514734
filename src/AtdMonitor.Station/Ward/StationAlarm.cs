using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Station.Ward;

/// <summary>One alarm as the station shows it, as of its latest alert event.</summary>
/// <param name="Id">Increasing with each new alarm, so the lists stay in order of arrival.</param>
/// <param name="Bed">Bed id.</param>
/// <param name="Type">Alarm type (<c>ventricular_run</c>, ...).</param>
/// <param name="Priority">Its priority, from the worker's alarm system.</param>
/// <param name="Onset">When the condition started.</param>
/// <param name="State">The latest event in lower case: <c>raise</c>, <c>clear</c>, <c>acknowledge</c>, <c>silence</c>, <c>silenceend</c>, <c>escalate</c>.</param>
/// <param name="Changed">Time of the latest event.</param>
/// <param name="Message">The latest event's text.</param>
/// <param name="Value">The figure the rule judged.</param>
/// <param name="End">When the condition ended; null while it lasts.</param>
/// <param name="Acknowledgement">Unacknowledged, silenced or acknowledged.</param>
/// <param name="Latched">True when it stays until acknowledged after its condition ends.</param>
/// <param name="Escalated">True once it stayed unacknowledged past its escalation delay.</param>
/// <param name="Operator">Who acknowledged or silenced it.</param>
public sealed record StationAlarm(
    long Id,
    string Bed,
    string Type,
    AlarmPriority Priority,
    DateTimeOffset Onset,
    string State,
    DateTimeOffset Changed,
    string Message,
    double Value,
    DateTimeOffset? End,
    AlarmAcknowledgement Acknowledgement,
    bool Latched,
    bool Escalated,
    string? Operator)
{
    /// <summary>On the board: its condition lasts, or it is latched and no one has acknowledged it yet.</summary>
    public bool IsActive => End is null || (Latched && Acknowledgement != AlarmAcknowledgement.Acknowledged);

    /// <summary>What a nurse reads in the state column.</summary>
    public string Status => !IsActive ? "ended"
        : Acknowledgement == AlarmAcknowledgement.Acknowledged ? "acknowledged"
        : Acknowledgement == AlarmAcknowledgement.Silenced ? "silenced"
        : End is not null ? "ended, unacknowledged"
        : Escalated ? "escalated"
        : "active";
}
