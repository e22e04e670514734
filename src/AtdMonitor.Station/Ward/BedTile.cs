namespace AtdMonitor.Station.Ward;

/// <summary>One bed at a glance.</summary>
/// <param name="Bed">Bed id.</param>
/// <param name="HeartRate">Beats per minute over the last judged RR intervals; null before two judged beats, and when the
/// signal has gone on for more than 6 s after the newest beat (asystole: the last rate would read as live).</param>
/// <param name="Rhythm">What the last minute looks like (<see cref="RhythmSummary"/>).</param>
/// <param name="Quality">Signal quality of the last window: <c>good</c>, <c>flat line</c>, <c>saturation</c> or <c>noise</c>.</param>
/// <param name="Counts">Beats per class (N, S, V, F, Q) over the last minute of the bed's clock.</param>
/// <param name="Alarm">The most urgent active alarm, or null.</param>
/// <param name="LastWindow">Device time of the last window.</param>
public sealed record BedTile(string Bed, double? HeartRate, string Rhythm, string Quality, IReadOnlyDictionary<string, int> Counts, StationAlarm? Alarm, DateTimeOffset? LastWindow);
