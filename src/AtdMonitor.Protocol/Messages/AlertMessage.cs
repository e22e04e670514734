namespace AtdMonitor.Protocol.Messages;

/// <summary>
/// An alert event published on <c>atd/v1/{bed}/alert</c> (JSON). The first six fields are those of every event since
/// wire version 1; the alarm fields after them are filled by the worker's alarm system and null (false) in events
/// from elsewhere, so older consumers can ignore them.
/// </summary>
/// <param name="Bed">Bed id.</param>
/// <param name="Time">Time of the event (the time of the beat or window that decided it; the command or timer time for alarm-system events).</param>
/// <param name="Type">Alarm type (the rhythm or rule), e.g. <c>ventricular_run</c>, <c>tachycardia</c>, <c>signal_quality</c>.</param>
/// <param name="State">What happened: the condition's raise or clear, or an alarm-system event (acknowledge, silence, escalate, ...).</param>
/// <param name="Message">Human-readable text.</param>
/// <param name="Value">The figure the rule judged (run length, heart rate, burden %, seconds, ...); for alarm-system events the figure of the last raise.</param>
/// <param name="Priority">The alarm's priority (IEC 60601-1-8).</param>
/// <param name="Onset">When the alarm's condition started.</param>
/// <param name="End">When the condition ended; null while it lasts.</param>
/// <param name="Acknowledgement">Unacknowledged, silenced or acknowledged.</param>
/// <param name="Latched">True for an alarm that stays until acknowledged even after its condition ends.</param>
/// <param name="Escalated">True once the alarm stayed unacknowledged past its escalation delay.</param>
/// <param name="SilencedUntil">End of the current silence, while silenced.</param>
/// <param name="Operator">Who acknowledged or silenced it (or issued the refused command).</param>
/// <param name="WallTime">The worker's clock when it published the event. <paramref name="Time"/> is in the data's time
/// (a replay from 2016 alerts in 2016); this says when a person could first have seen it.</param>
public sealed record AlertMessage(
    string Bed,
    DateTimeOffset Time,
    string Type,
    AlertState State,
    string Message,
    double Value,
    AlarmPriority? Priority = null,
    DateTimeOffset? Onset = null,
    DateTimeOffset? End = null,
    AlarmAcknowledgement? Acknowledgement = null,
    bool Latched = false,
    bool Escalated = false,
    DateTimeOffset? SilencedUntil = null,
    string? Operator = null,
    DateTimeOffset? WallTime = null);
