namespace AtdMonitor.Protocol.Messages;

/// <summary>What an <see cref="AlarmCommand"/> asks of an alarm (snake_case on the wire: <c>acknowledge</c>, <c>silence</c>).</summary>
public enum AlarmAction
{
    /// <summary>Someone has seen the alarm: it stops escalating, and a latched alarm whose condition has ended goes away.</summary>
    Acknowledge,

    /// <summary>Pause the alarm's audio for <see cref="AlarmCommand.SilenceFor"/> (bounded); the alarm stays shown and unacknowledged.</summary>
    Silence,
}
