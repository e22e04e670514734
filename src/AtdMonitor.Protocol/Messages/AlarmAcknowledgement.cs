namespace AtdMonitor.Protocol.Messages;

/// <summary>Where an alarm stands with the people watching it (snake_case on the wire).</summary>
public enum AlarmAcknowledgement
{
    /// <summary>No one has acknowledged or silenced it.</summary>
    Unacknowledged,

    /// <summary>Its audio is paused until <see cref="AlertMessage.SilencedUntil"/>; it is still unacknowledged.</summary>
    Silenced,

    /// <summary>Someone acknowledged it.</summary>
    Acknowledged,
}
