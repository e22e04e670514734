namespace AtdMonitor.Protocol.Messages;

/// <summary>An alert event published on <c>atd/v1/{bed}/alert</c> (JSON).</summary>
/// <param name="Bed">Bed id.</param>
/// <param name="Time">Time of the event (the time of the beat or window that decided it).</param>
/// <param name="Type">Rule name, e.g. <c>ventricular_run</c>, <c>tachycardia</c>, <c>signal_quality</c>.</param>
/// <param name="State">Raise or clear.</param>
/// <param name="Message">Human-readable text.</param>
/// <param name="Value">The figure the rule judged (run length, heart rate, burden %, seconds, ...).</param>
public sealed record AlertMessage(string Bed, DateTimeOffset Time, string Type, AlertState State, string Message, double Value);
