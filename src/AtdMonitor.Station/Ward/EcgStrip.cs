using AtdMonitor.Streaming.Beats;

namespace AtdMonitor.Station.Ward;

/// <summary>
/// The last <see cref="Seconds"/> of one bed's lead 0 for display, decimated to about <see cref="DisplayRate"/> samples
/// per second in a fixed ring of 16-bit microvolts, and the beat marks on the same clock. The clock is the device's:
/// a window is placed by its first-sample time, a hole is filled with <see cref="NoSignal"/>, a jump back or a hole
/// longer than the ring starts the strip again from the new window. Not thread-safe: <see cref="BedState"/> locks.
/// </summary>
internal sealed class EcgStrip
{
    /// <summary>Seconds of strip kept (the bed view's strip).</summary>
    public const int Seconds = 30;

    /// <summary>Samples per second shown: enough for a 300-pixel, 6-second tile and a QRS of 80 ms.</summary>
    public const double DisplayRate = 90;

    /// <summary>A sample no window covered.</summary>
    public const short NoSignal = short.MinValue;

    private const int MarkCapacity = 256;

    private readonly BeatMark[] _marks = new BeatMark[MarkCapacity];
    private short[] _ring = [];
    private int _factor;
    private float _inputRate;
    private DateTimeOffset _anchorTime;
    private long _anchorIndex;
    private float _last;

    /// <summary>Strip index one past the newest sample.</summary>
    public long End { get; private set; }

    /// <summary>Marks added so far.</summary>
    public long MarkCount { get; private set; }

    /// <summary>Samples per second of the strip.</summary>
    public double Rate { get; private set; }

    public void Append(MonitoredWindow window)
    {
        if (window.SampleRate != _inputRate)
        {
            _inputRate = window.SampleRate;
            _factor = Math.Max(1, (int)Math.Round(window.SampleRate / DisplayRate));
            Rate = window.SampleRate / _factor;
            _ring = new short[(int)Math.Ceiling(Seconds * Rate)];
            Restart(window.FirstSampleTime);
        }

        var expected = IndexAt(window.FirstSampleTime);
        if (expected < End - 1 || expected > End + _ring.Length)
        {
            Restart(window.FirstSampleTime);
        }

        for (; End < expected; End++)
        {
            _ring[End % _ring.Length] = NoSignal;
        }

        var samples = window.Lead0Millivolts;
        for (var block = 0; block + _factor <= samples.Length; block += _factor)
        {
            // Of each block, the sample farthest from the last one shown: an R-peak survives decimation.
            var pick = samples[block];
            for (var i = block + 1; i < block + _factor; i++)
            {
                pick = Math.Abs(samples[i] - _last) > Math.Abs(pick - _last) ? samples[i] : pick;
            }

            _last = pick;
            _ring[End % _ring.Length] = (short)Math.Clamp(Math.Round(pick * 1000), short.MinValue + 1, short.MaxValue);
            End++;
        }
    }

    public void Mark(ClassifiedBeat beat)
    {
        if (_ring.Length == 0)
        {
            return;
        }

        var index = IndexAt(beat.Time);
        if (index < End - _ring.Length || index > End + _ring.Length)
        {
            return;
        }

        _marks[MarkCount % MarkCapacity] = new BeatMark(index, beat.ClassName);
        MarkCount++;
    }

    /// <summary>Samples after <paramref name="cursor"/> (at most the last <paramref name="maxSamples"/>) and marks added since.</summary>
    public StripChunk Read(string bed, StripCursor cursor, int maxSamples, out StripCursor next)
    {
        var start = Math.Max(Math.Max(cursor.SampleEnd, End - _ring.Length), End - maxSamples);
        start = Math.Max(start, 0);
        var samples = new short[End - start];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = _ring[(start + i) % _ring.Length];
        }

        var firstMark = Math.Max(cursor.MarkCount, MarkCount - MarkCapacity);
        var marks = new List<BeatMark>((int)(MarkCount - firstMark));
        for (var m = firstMark; m < MarkCount; m++)
        {
            marks.Add(_marks[m % MarkCapacity]);
        }

        next = new StripCursor(End, MarkCount);
        return new StripChunk(bed, Rate, start, samples, marks);
    }

    private long IndexAt(DateTimeOffset time) => _anchorIndex + (long)Math.Round((time - _anchorTime).TotalSeconds * Rate);

    private void Restart(DateTimeOffset time)
    {
        _anchorTime = time;
        _anchorIndex = End;
    }
}
