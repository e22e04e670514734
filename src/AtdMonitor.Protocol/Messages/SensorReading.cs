namespace AtdMonitor.Protocol.Messages;

/// <summary>One time stamp of named values from a sensor (<c>atd/v1/{sensor}/reading</c>), e.g. one ETT row.</summary>
public sealed record SensorReading(string Sensor, DateTimeOffset Time, IReadOnlyList<SensorValue> Values) : WireMessage(Sensor);
