using AtdMonitor.Streaming.Beats;

namespace AtdMonitor.Station.Ward;

/// <summary>
/// What the station knows of one bed: the strip, the beats of the last minute, a trend of the last hour (one bucket
/// per minute of the bed's clock) and the last window's signal quality. Every array is allocated once, so a bed's
/// memory is fixed however long it is watched. Thread-safe: the feed writes, the web readers read, under one lock.
/// </summary>
internal sealed class BedState(string bed)
{
    /// <summary>Minutes of trend kept.</summary>
    public const int TrendMinutes = 60;

    private const int BeatCapacity = 512;
    private const int HeartRateBeats = 8;

    /// <summary>Signal seconds after the newest beat beyond which the heart rate is no longer shown: while windows keep
    /// coming without beats (asystole, a long pause) the last rate would read as live. A beat leaves the worker only when
    /// the next is found, so the newest beat is up to an RR interval and a window behind the signal.</summary>
    private static readonly TimeSpan HeartRateExpiry = TimeSpan.FromSeconds(6);

    private readonly Lock _gate = new();
    private readonly EcgStrip _strip = new();
    private readonly (DateTimeOffset Time, byte Class, float Rr, bool Judged)[] _beats = new (DateTimeOffset, byte, float, bool)[BeatCapacity];
    private readonly TrendBucket[] _trend = Enumerable.Range(0, TrendMinutes).Select(_ => new TrendBucket()).ToArray();
    private long _beatCount;
    private string _quality = "unknown";
    private DateTimeOffset? _lastWindow;

    public string Bed { get; } = bed;

    public void Apply(MonitoredWindow window)
    {
        lock (_gate)
        {
            _strip.Append(window);
            _quality = window.Quality.Problem ?? "good";
            _lastWindow = window.FirstSampleTime;
        }
    }

    public void Apply(ClassifiedBeat beat)
    {
        var classIndex = (byte)BeatClasses.IndexOf(beat.ClassName);
        lock (_gate)
        {
            _strip.Mark(beat);
            _beats[_beatCount % BeatCapacity] = (beat.Time, classIndex, beat.RrSeconds, beat.IsJudged);
            _beatCount++;
            var minute = beat.Time.ToUnixTimeSeconds() / 60;
            var bucket = _trend[minute % TrendMinutes];
            if (bucket.Minute != minute)
            {
                bucket.Reset(minute);
            }

            bucket.Counts[classIndex]++;
            if (beat.IsJudged && IsPlausibleRr(beat.RrSeconds))
            {
                bucket.RrSum += beat.RrSeconds;
                bucket.RrCount++;
            }
        }
    }

    public BedTile Tile(StationAlarm? alarm)
    {
        Span<int> counts = stackalloc int[BeatClasses.Names.Length];
        double? heartRate;
        string quality;
        DateTimeOffset? lastWindow;
        lock (_gate)
        {
            heartRate = HeartRate();
            CountLastMinute(counts);
            quality = _quality;
            lastWindow = _lastWindow;
        }

        return new BedTile(Bed, heartRate, RhythmSummary.Describe(alarm, quality, counts, heartRate), quality, BeatClasses.ToDictionary(counts), alarm, lastWindow);
    }

    public StripChunk ReadStrip(StripCursor cursor, double seconds, out StripCursor next)
    {
        lock (_gate)
        {
            return _strip.Read(Bed, cursor, (int)Math.Ceiling(seconds * _strip.Rate), out next);
        }
    }

    /// <summary>The trend, oldest minute first, over the last <see cref="TrendMinutes"/> minutes of the bed's clock.</summary>
    public IReadOnlyList<TrendPoint> Trend()
    {
        lock (_gate)
        {
            var newest = _trend.Max(b => b.Minute);
            return _trend.Where(b => b.Minute >= 0 && b.Minute > newest - TrendMinutes)
                .OrderBy(b => b.Minute)
                .Select(b => new TrendPoint(DateTimeOffset.FromUnixTimeSeconds(b.Minute * 60), b.RrCount == 0 ? null : 60 * b.RrCount / b.RrSum, BeatClasses.ToDictionary(b.Counts)))
                .ToList();
        }
    }

    private static bool IsPlausibleRr(float rr) => rr is > 0.2f and < 3f;

    private double? HeartRate()
    {
        if (_beatCount == 0 || _lastWindow - _beats[(_beatCount - 1) % BeatCapacity].Time > HeartRateExpiry)
        {
            return null;
        }

        double sum = 0;
        var used = 0;
        for (var i = _beatCount - 1; i >= Math.Max(0, _beatCount - BeatCapacity) && used < HeartRateBeats; i--)
        {
            var beat = _beats[i % BeatCapacity];
            if (beat.Judged && IsPlausibleRr(beat.Rr))
            {
                sum += beat.Rr;
                used++;
            }
        }

        return used < 2 ? null : 60 * used / sum;
    }

    private void CountLastMinute(Span<int> counts)
    {
        if (_beatCount == 0)
        {
            return;
        }

        var newest = _beats[(_beatCount - 1) % BeatCapacity].Time;
        for (var i = _beatCount - 1; i >= Math.Max(0, _beatCount - BeatCapacity); i--)
        {
            var beat = _beats[i % BeatCapacity];
            if (newest - beat.Time >= TimeSpan.FromMinutes(1))
            {
                break;
            }

            counts[beat.Class]++;
        }
    }
}
