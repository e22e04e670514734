namespace AtdMonitor.Data.Beats;

/// <summary>
/// The feature code shared by the stream and the offline dataset: fed the R-peaks of one record in order, each with
/// its raw lead-0 window, it emits the previous beat once the next R-peak gives its post-RR.
/// </summary>
/// <remarks>Normalisation is causal: the window's median is subtracted, then it is divided by the median
/// peak-to-peak amplitude of the last <see cref="BeatSpec.AmplitudeHistory"/> windows of the record so far (this one
/// included), at least <see cref="BeatSpec.MinimumAmplitudeScale"/> mV. The template features compare the normalised
/// window with the earlier windows of the record (<see cref="BeatTemplate"/>). The first beat (no pre-RR) and any beat
/// without a complete window are not emitted, but still count for the RR features.</remarks>
public sealed class BeatFeatureSequence
{
    private readonly double _sampleRate;
    private readonly Queue<long> _rr = new();
    private readonly Queue<float> _amplitudes = new();
    private readonly BeatTemplate _template = new();
    private readonly float[] _sortScratch = new float[Math.Max(BeatSpec.WindowLength, BeatSpec.AmplitudeHistory)];
    private long _rrSum;
    private long _lastR = long.MinValue;
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
            var post = (rPeak - pending.RPeak) / _sampleRate;
            completed = new ExtractedBeat(pending.RPeak, pending.Window,
                [pending.PreRr, (float)post, pending.LocalMeanRr, pending.PreRr / pending.LocalMeanRr, (float)post / pending.LocalMeanRr,
                 pending.TemplateCorrelation, pending.TemplateDifference]);
            _pending = null;
        }

        float[]? window = rawWindow.IsEmpty ? null : Normalise(rawWindow);
        var (correlation, difference) = window is null ? default : _template.CompareAndAdd(window);
        if (_lastR != long.MinValue)
        {
            var rr = rPeak - _lastR;
            _rr.Enqueue(rr);
            _rrSum += rr;
            if (_rr.Count > BeatSpec.LocalRrCount)
            {
                _rrSum -= _rr.Dequeue();
            }

            if (window is not null)
            {
                var localMean = (float)(_rrSum / (double)_rr.Count / _sampleRate);
                _pending = new Pending(rPeak, window, (float)(rr / _sampleRate), localMean, correlation, difference);
            }
        }

        _lastR = rPeak;
        return completed;
    }

    /// <summary>Forgets the record so far (after a gap): no beat spans it.</summary>
    public void Reset()
    {
        _rr.Clear();
        _rrSum = 0;
        _amplitudes.Clear();
        _template.Clear();
        _lastR = long.MinValue;
        _pending = null;
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

    private readonly record struct Pending(long RPeak, float[] Window, float PreRr, float LocalMeanRr, float TemplateCorrelation, float TemplateDifference);
}
