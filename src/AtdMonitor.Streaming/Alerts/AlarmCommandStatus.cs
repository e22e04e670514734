namespace AtdMonitor.Streaming.Alerts;

/// <summary>What became of an alarm command.</summary>
public enum AlarmCommandStatus
{
    /// <summary>Carried out.</summary>
    Applied,

    /// <summary>Well-formed but not applicable now: no such alarm active on the bed, already acknowledged, or too old.</summary>
    Refused,

    /// <summary>Out of bounds (unknown alarm type, silence longer than allowed, bad field); a command-topic message is dead-lettered.</summary>
    Invalid,
}
