namespace AtdMonitor.Station.Ward;

/// <summary>One minute of one bed: beats per class and the RR intervals that give its mean heart rate.</summary>
internal sealed class TrendBucket
{
    public long Minute { get; private set; } = -1;

    public int[] Counts { get; } = new int[BeatClasses.Names.Length];

    public double RrSum { get; set; }

    public int RrCount { get; set; }

    public void Reset(long minute)
    {
        Minute = minute;
        Array.Clear(Counts);
        RrSum = 0;
        RrCount = 0;
    }
}
