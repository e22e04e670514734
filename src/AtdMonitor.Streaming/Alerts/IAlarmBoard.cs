namespace AtdMonitor.Streaming.Alerts;

/// <summary>The ward's current alarms, for the central station.</summary>
public interface IAlarmBoard
{
    /// <summary>
    /// Every alarm now shown, on every bed: conditions still active, and latched alarms whose condition ended but that
    /// no one has acknowledged yet. Highest priority first, then oldest onset first. A copy: safe to keep and enumerate.
    /// </summary>
    IReadOnlyList<ActiveAlarm> Snapshot();
}
