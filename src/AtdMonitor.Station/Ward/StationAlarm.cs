namespace AtdMonitor.Station.Ward;

/// <summary>One alarm as the station shows it.</summary>
/// <param name="Id">Increasing with each raise, so a list can be kept in onset order.</param>
/// <param name="Bed">Bed id.</param>
/// <param name="Type">Alert type (<c>ventricular_run</c>, ...).</param>
/// <param name="Priority">How urgent it is.</param>
/// <param name="Onset">Device time of the raise.</param>
/// <param name="State">The latest alert state in lower case: <c>raise</c> while active, then <c>clear</c> or a command's state.</param>
/// <param name="Changed">Device time of the latest state.</param>
/// <param name="Message">The rule's text.</param>
/// <param name="Value">The figure the rule judged.</param>
public sealed record StationAlarm(long Id, string Bed, string Type, AlarmPriority Priority, DateTimeOffset Onset, string State, DateTimeOffset Changed, string Message, double Value)
{
    /// <summary>Cleared alarms are history; every other state is still on the board.</summary>
    public bool IsActive => State != "clear";
}
