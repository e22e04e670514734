namespace AtdMonitor.Protocol.Messages;

/// <summary>
/// What an alert event says. <see cref="Raise"/> and <see cref="Clear"/> are the alarm condition's onset and end, as the
/// detectors decide them; the others are the alarm system's events about the alarm and never start or end a condition.
/// </summary>
public enum AlertState
{
    /// <summary>The condition started.</summary>
    Raise,

    /// <summary>The condition ended (a latched alarm stays, "condition ended, unacknowledged", until acknowledged).</summary>
    Clear,

    /// <summary>An operator acknowledged the alarm.</summary>
    Acknowledge,

    /// <summary>An operator silenced the alarm until <see cref="AlertMessage.SilencedUntil"/>.</summary>
    Silence,

    /// <summary>A silence ran out and the alarm is unacknowledged again.</summary>
    SilenceEnd,

    /// <summary>The alarm stayed unacknowledged past its escalation delay.</summary>
    Escalate,

    /// <summary>A command was refused (no such alarm active, stale, over the silence limit); the message says why.</summary>
    Refuse,
}
