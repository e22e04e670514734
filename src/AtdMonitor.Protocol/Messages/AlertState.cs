namespace AtdMonitor.Protocol.Messages;

/// <summary>Whether an alert event starts or ends an alert.</summary>
public enum AlertState
{
    Raise,
    Clear,
}
