namespace AtdMonitor.Protocol.Messages;

/// <summary>One named value of a sensor reading (e.g. <c>OT</c> = 30.5).</summary>
public readonly record struct SensorValue(string Name, float Value);
