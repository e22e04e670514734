namespace AtdMonitor.Station.Ward;

/// <summary>One minute of a bed's trend: mean heart rate and beats per class.</summary>
public sealed record TrendPoint(DateTimeOffset Minute, double? HeartRate, IReadOnlyDictionary<string, int> Counts);
