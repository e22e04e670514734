namespace AtdMonitor.Streaming.Alerts;

/// <summary>
/// Durable record of the latched alarms not yet acknowledged (IEC 60601-1-8: a latching alarm stays until an operator
/// acknowledges it, a worker restart included). The <see cref="AlarmSystem"/> records each change of such an alarm as it
/// decides it and reads them back once at start. Never throws for a storage failure: it logs it, and the alarm system
/// goes on from memory.
/// </summary>
public interface IAlarmJournal
{
    /// <summary>The alarms the journal holds from before this start, at most one per bed and type; called once, before the first record.</summary>
    IReadOnlyList<JournaledAlarm> Restore();

    /// <summary>Keeps <paramref name="alarm"/> in place of the bed's earlier record of its type; on storage when this returns.</summary>
    void Record(JournaledAlarm alarm);

    /// <summary>The bed's alarm of <paramref name="type"/> no longer needs restoring (acknowledged or removed).</summary>
    void Forget(string bed, string type);
}
