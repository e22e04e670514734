namespace AtdMonitor.Station.Ward;

/// <summary>What one client has of one bed's strip: samples up to <see cref="SampleEnd"/>, marks up to <see cref="MarkCount"/>.</summary>
public readonly record struct StripCursor(long SampleEnd, long MarkCount)
{
    public static StripCursor Start => new(-1, 0);
}
