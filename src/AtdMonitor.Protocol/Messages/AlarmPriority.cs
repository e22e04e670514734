namespace AtdMonitor.Protocol.Messages;

/// <summary>The priority of an alarm in the sense of IEC 60601-1-8 (snake_case on the wire).</summary>
public enum AlarmPriority
{
    /// <summary>Technical alarm: the monitoring itself is impaired (signal quality, a silent bed).</summary>
    Technical,

    /// <summary>Low priority: awareness (ectopy).</summary>
    Low,

    /// <summary>Medium priority: prompt response (AF onset, SVT, pause, brady- and tachycardia).</summary>
    Medium,

    /// <summary>High priority: immediate response (VF, VT, asystole).</summary>
    High,
}
