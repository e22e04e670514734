namespace AtdMonitor.Station.Ward;

/// <summary>The bed view: the tile, the trend per minute (oldest first) and the alarm history (newest first).</summary>
public sealed record BedDetail(BedTile Tile, IReadOnlyList<TrendPoint> Trend, IReadOnlyList<StationAlarm> Alarms);
