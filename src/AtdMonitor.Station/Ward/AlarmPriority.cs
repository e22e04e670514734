namespace AtdMonitor.Station.Ward;

/// <summary>How urgent an alarm is, in the colours of IEC 60601-1-8: high red, medium yellow, low cyan.</summary>
public enum AlarmPriority
{
    Low,
    Medium,
    High,
}
