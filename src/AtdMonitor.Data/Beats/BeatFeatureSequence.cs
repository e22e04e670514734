namespace AtdMonitor.Data.Beats;

/// <summary>
/// The feature code shared by the stream and the offline dataset: fed the R-peaks of one record in order, each with
/// its raw lead-0 window, it emits the previous beat once the next R-peak gives its post-RR.
/// </summary>
/// <remarks>Normalisation is causal: the window's median is subtracted, then it is divided by the median
/// peak-to-peak amplitude of the last <see cref="BeatSpec.AmplitudeHistory"/> windows of the record so far (this one
/// included), at least <see cref="BeatSpec.MinimumAmplitudeScale"/> mV. The template features compare the normalised
/// window with the earlier windows of the record (<see cref="BeatTemplate"/>); the RR features compare the beat's
/// intervals with the local mean, the patient's median and long RR and the neighbouring intervals (<see cref="BeatSpec.RhythmFeatureCount"/>
/// lists them). So each patient is judged against its own rhythm and beat, as a bedside monitor does after its
/// learning phase. The first beat (no pre-RR) and any beat without a complete window are not emitted, but still count
/// for the RR features.</remarks>
public sealed class BeatFeatureSequence
{
    private readonly double _sampleRate;
    private readonly Queue<long> _rr = new();
    private readonly Queue<long> _patientRr = new();
    private readonly Queue<long> _context = new();
    private readonly Queue<float> _amplitudes = new();
    private readonly BeatTemplate _template = new();
    private readonly float[] _sortScratch = new float[Math.Max(Math.Max(BeatSpec.WindowLength, BeatSpec.AmplitudeHistory), BeatSpec.PatientRrHistory)];
    private long _rrSum;
    private long _lastR = long.MinValue;
    private long _lastRr;
    private float _lastQrsCorrelation = 1;
    private Pending? _pending;

    public BeatFeatureSequence(double sampleRate = BeatSpec.SampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sampleRate, 0);
        _sampleRate = sampleRate;
    }

    /// <summary>Registers the next R-peak with its raw window (<see cref="BeatSpec.WindowLength"/> samples, in mV, or
    /// empty when the window is not available); returns the previous beat if it is now complete.</summary>
    public ExtractedBeat? Add(long rPeak, ReadOnlySpan<float> rawWindow)
    {
        if (!rawWindow.IsEmpty && rawWindow.Length != BeatSpec.WindowLength)
        {
            throw new ArgumentException($"Expected {BeatSpec.WindowLength} samples or none, got {rawWindow.Length}.", nameof(rawWindow));
        }

        if (_lastR != long.MinValue && rPeak <= _lastR)
        {
            throw new ArgumentException($"R-peaks must increase: {rPeak} after {_lastR}.", nameof(rPeak));
        }

        ExtractedBeat? completed = null;
        if (_pending is { } pending)
        {
            var post = (float)((rPeak - pending.RPeak) / _sampleRate);
            completed = new ExtractedBeat(pending.RPeak, pending.Window,
            [
                pending.PreRr, post, pending.LocalMeanRr, pending.PreRr / pending.LocalMeanRr, post / pending.LocalMeanRr,
                pending.Match.QrsCorrelation, pending.Match.QrsDifference,
                pending.PreRr / pending.PatientRr, post / pending.PatientRr,
                pending.PreRr / pending.PreviousRr, post / pending.PreRr,
                pending.Match.PWaveCorrelation, pending.Irregularity, pending.PreviousQrsCorrelation,
                pending.PreRr / pending.PatientLongRr, post / pending.PatientLongRr,
            ]);
            _pending = null;
        }

        float[]? window = rawWindow.IsEmpty ? null : Normalise(rawWindow);
        var match = window is null ? new TemplateMatch(1, 0, 1) : _template.CompareAndAdd(window);
        if (_lastR != long.MinValue)
        {
            var rr = rPeak - _lastR;
            var previousRr = _lastRr == 0 ? rr : _lastRr;
            var irregularity = Irregularity();
            Remember(_context, rr, BeatSpec.ContextBeats);
            Remember(_patientRr, rr, BeatSpec.PatientRrHistory);
            _rrSum += rr - Remember(_rr, rr, BeatSpec.LocalRrCount);
            _lastRr = rr;

            if (window is not null)
            {
                var localMean = (float)(_rrSum / (double)_rr.Count / _sampleRate);
                var (patientRr, patientLongRr) = PatientMedianAndLongRr();
                _pending = new Pending(rPeak, window, (float)(rr / _sampleRate), localMean, patientRr, patientLongRr, (float)(previousRr / _sampleRate),
                    irregularity, _lastQrsCorrelation, match);
            }
        }

        if (window is not null)
        {
            _lastQrsCorrelation = match.QrsCorrelation;
        }

        _lastR = rPeak;
        return completed;
    }

    /// <summary>Forgets the record so far (after a gap): no beat spans it.</summary>
    public void Reset()
    {
        _rr.Clear();
        _patientRr.Clear();
        _context.Clear();
        _rrSum = 0;
        _amplitudes.Clear();
        _template.Clear();
        _lastR = long.MinValue;
        _lastRr = 0;
        _lastQrsCorrelation = 1;
        _pending = null;
    }

    /// <summary>Enqueues <paramref name="value"/>, keeping at most <paramref name="capacity"/>; returns the value dropped, or 0.</summary>
    private static long Remember(Queue<long> queue, long value, int capacity)
    {
        queue.Enqueue(value);
        return queue.Count > capacity ? queue.Dequeue() : 0;
    }

    /// <summary>The median and the <see cref="BeatSpec.PatientLongRrPercentile"/>th percentile of the patient's recent RR intervals, in seconds.</summary>
    private (float Median, float Long) PatientMedianAndLongRr()
    {
        var recent = _sortScratch.AsSpan(0, _patientRr.Count);
        var k = 0;
        foreach (var rr in _patientRr)
        {
            recent[k++] = rr;
        }

        var median = Median.SortAndTake(recent);
        var longRr = recent[Math.Max(0, (int)Math.Ceiling(BeatSpec.PatientLongRrPercentile / 100.0 * recent.Length) - 1)];
        return ((float)(median / _sampleRate), (float)(longRr / _sampleRate));
    }

    /// <summary>sd / mean of the context intervals (0 with fewer than two).</summary>
    private float Irregularity()
    {
        if (_context.Count < 2)
        {
            return 0;
        }

        double sum = 0, squares = 0;
        foreach (var rr in _context)
        {
            sum += rr;
            squares += (double)rr * rr;
        }

        var mean = sum / _context.Count;
        return (float)(Math.Sqrt(Math.Max(0, (squares / _context.Count) - (mean * mean))) / mean);
    }

    private float[] Normalise(ReadOnlySpan<float> raw)
    {
        var sorted = _sortScratch.AsSpan(0, raw.Length);
        raw.CopyTo(sorted);
        var median = Median.SortAndTake(sorted);
        var amplitude = sorted[^1] - sorted[0];
        _amplitudes.Enqueue(amplitude);
        if (_amplitudes.Count > BeatSpec.AmplitudeHistory)
        {
            _amplitudes.Dequeue();
        }

        var recent = _sortScratch.AsSpan(0, _amplitudes.Count);
        _amplitudes.CopyTo(_sortScratch, 0);
        var scale = Math.Max(Median.SortAndTake(recent), BeatSpec.MinimumAmplitudeScale);

        var window = new float[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            window[i] = (raw[i] - median) / scale;
        }

        return window;
    }

    private readonly record struct Pending(long RPeak, float[] Window, float PreRr, float LocalMeanRr, float PatientRr, float PatientLongRr, float PreviousRr,
        float Irregularity, float PreviousQrsCorrelation, TemplateMatch Match);
}
