namespace AtdMonitor.Data.Beats;

/// <summary>
/// A second, causal QRS detector built unlike <see cref="StreamingRPeakDetector"/>, in the manner of the curve-length
/// detector of Zong et al. (2003, "wqrs"): a 5-sample moving average, the curve length of the smoothed signal over 130 ms,
/// a threshold at 0.4 of the running QRS length (never below 1.2 times the running mean length), a 250-ms search for
/// the complex after each upward crossing and a 250-ms refractory period. It uses no band-pass and no squared slope, so
/// the two detectors are fooled by different noise: a beat that only one of them finds is doubtful (bSQI, Li, Mark and
/// Clifford 2008).
/// </summary>
/// <remarks>Every sample goes through the same per-sample state machine, so the output does not depend on how the
/// samples are cut into chunks. A peak is reported at most <see cref="MaxDelaySamples"/> after it occurred. The first
/// 2 s after a start or <see cref="Reset"/> are spent learning: no peak before <see cref="LearnedFrom"/> is reported.</remarks>
public sealed class CurveLengthQrsDetector
{
    private const int HistoryLength = 256; // power of two, > search + curve window + 2 locate windows (181 samples at 360 Hz)
    private const int SmoothingSamples = 5;
    private const double ThresholdOfQrsLength = 0.4;
    private const double ThresholdOfMeanLength = 1.2;
    private const double LevelUpdate = 0.125;
    private const double LevelDecayPerSampleAt360Hz = 0.999;

    /// <summary>Samples are clamped to ± this (mV, far beyond any ECG), and a non-finite one read as 0: a hostile or broken
    /// lead's huge values would otherwise overflow the running sums to infinity and NaN, and the detector would never fire again.</summary>
    private const float ClampMillivolts = 50f;

    private readonly double _sampleRate;
    private readonly double _meanStep;
    private readonly double _levelDecay;
    private readonly int _curveWindow;
    private readonly int _search;
    private readonly int _locate;
    private readonly int _refractory;
    private readonly int _learningSamples;
    private readonly int _decayAfter;
    private readonly float[] _raw = new float[HistoryLength];
    private readonly float[] _smoothed = new float[HistoryLength];
    private readonly float[] _steps = new float[HistoryLength];
    private readonly float[] _length = new float[HistoryLength];

    private long _index;
    private long _start;
    private double _smoothingSum;
    private double _lengthSum;
    private double _meanLength;
    private double _learningMax;
    private double _level;
    private bool _armed;
    private long? _crossing;
    private long _searchFrom;
    private long _lastR;

    /// <summary>Creates a detector for signals sampled at <paramref name="sampleRate"/> Hz, starting at sample 0.</summary>
    public CurveLengthQrsDetector(double sampleRate = BeatSpec.SampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sampleRate, 0);
        _sampleRate = sampleRate;
        _meanStep = 1 / sampleRate;
        _levelDecay = Math.Pow(LevelDecayPerSampleAt360Hz, 360 / sampleRate);
        _curveWindow = Samples(0.130);
        _search = Samples(0.250);
        _locate = Samples(0.060);
        _refractory = Samples(0.250);
        _learningSamples = Samples(2.0);
        _decayAfter = Samples(2.0);
        MaxDelaySamples = _search + _curveWindow + (2 * _locate);
        if (MaxDelaySamples >= HistoryLength)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, $"Too high: the {MaxDelaySamples}-sample search must fit in the {HistoryLength} samples the detector keeps.");
        }
        Reset(0);
    }

    /// <summary>The most samples between a peak and the end of the chunk in which it is reported.</summary>
    public int MaxDelaySamples { get; }

    /// <summary>The absolute index of the next sample <see cref="Process"/> expects.</summary>
    public long NextSampleIndex => _index;

    /// <summary>The first sample after the learning period (2 s from the start or the last reset): peaks before it are not reported.</summary>
    public long LearnedFrom => _start + _learningSamples;

    /// <summary>Feeds samples (millivolts); appends the absolute sample index of each QRS it is sure of to <paramref name="detectedPeaks"/>.</summary>
    public void Process(ReadOnlySpan<float> samplesMv, List<long> detectedPeaks)
    {
        ArgumentNullException.ThrowIfNull(detectedPeaks);
        foreach (var sample in samplesMv)
        {
            Step(sample, detectedPeaks);
        }
    }

    /// <summary>Starts afresh at <paramref name="nextSampleIndex"/> (after a gap): nothing learned is kept.</summary>
    public void Reset(long nextSampleIndex)
    {
        _index = nextSampleIndex;
        _start = nextSampleIndex;
        _smoothingSum = 0;
        _lengthSum = 0;
        _meanLength = 0;
        _learningMax = 0;
        _level = 0;
        _armed = false;
        _crossing = null;
        _searchFrom = nextSampleIndex;
        _lastR = long.MinValue / 2;
        Array.Clear(_raw);
        Array.Clear(_smoothed);
        Array.Clear(_steps);
        Array.Clear(_length);
    }

    private void Step(float sample, List<long> detectedPeaks)
    {
        var i = _index++;
        var at = (int)(i & (HistoryLength - 1));
        _raw[at] = float.IsFinite(sample) ? Math.Clamp(sample, -ClampMillivolts, ClampMillivolts) : 0f;
        _smoothingSum += _raw[at] - (i - _start >= SmoothingSamples ? _raw[(int)((i - SmoothingSamples) & (HistoryLength - 1))] : 0f);
        _smoothed[at] = (float)(_smoothingSum / SmoothingSamples);
        _steps[at] = i > _start ? Math.Abs(_smoothed[at] - Smoothed(i - 1)) : 0f;
        _lengthSum += _steps[at] - (i - _start >= _curveWindow ? _steps[(int)((i - _curveWindow) & (HistoryLength - 1))] : 0);
        _length[at] = (float)_lengthSum;
        _meanLength += (_lengthSum - _meanLength) * _meanStep;

        if (i - _start < _learningSamples)
        {
            _learningMax = Math.Max(_learningMax, _lengthSum);
            _level = 0.6 * _learningMax;
            return;
        }

        if (_crossing is { } crossing)
        {
            // The complex lies within the search after the crossing; its R wave needs the locate window after its steepest slope.
            if (i >= crossing + _search - 1 + _locate)
            {
                Resolve(crossing, detectedPeaks);
            }

            return;
        }

        var threshold = Threshold;
        _armed |= i >= _searchFrom && _length[at] <= threshold;
        if (_armed && i - _lastR > _refractory && _length[at] > threshold)
        {
            _crossing = i;
        }
        else if (i - _lastR > _decayAfter)
        {
            // A falling amplitude must not silence the detector.
            _level *= _levelDecay;
        }
    }

    private void Resolve(long crossing, List<long> detectedPeaks)
    {
        var top = crossing;
        for (var k = crossing; k < crossing + _search; k++)
        {
            top = Length(k) > Length(top) ? k : top;
        }

        var steepest = Math.Max(_start + 1, top - _curveWindow);
        for (var k = steepest; k <= top; k++)
        {
            steepest = Slope(k) > Slope(steepest) ? k : steepest;
        }

        var from = Math.Max(_start, steepest - _locate);
        var to = steepest + _locate;
        double local = 0;
        for (var k = from; k <= to; k++)
        {
            local += Raw(k);
        }

        local /= to - from + 1;
        var r = from;
        for (var k = from; k <= to; k++)
        {
            r = Math.Abs(Raw(k) - local) > Math.Abs(Raw(r) - local) ? k : r;
        }

        if (r >= LearnedFrom)
        {
            detectedPeaks.Add(r);
        }

        _lastR = r;
        _level = ((1 - LevelUpdate) * _level) + (LevelUpdate * Length(top));
        _searchFrom = top + (_curveWindow / 2);
        _crossing = null;

        // Wide complexes at a fast rate (ventricular tachycardia) follow each other so closely that the length may fall
        // below the threshold and rise again while this complex was being resolved, or within the refractory period:
        // that fall arms the detector, and the rise counts as soon as the refractory period is over.
        var threshold = Threshold;
        _armed = false;
        for (var k = _searchFrom; k < _index && !_armed; k++)
        {
            _armed = Length(k) <= threshold;
        }
    }

    /// <summary>The length a complex must exceed: a share of the running QRS length, never below the running mean length.</summary>
    private double Threshold => Math.Max(ThresholdOfQrsLength * _level, ThresholdOfMeanLength * _meanLength);

    private float Smoothed(long k) => _smoothed[(int)(k & (HistoryLength - 1))];

    private float Length(long k) => _length[(int)(k & (HistoryLength - 1))];

    private float Raw(long k) => _raw[(int)(k & (HistoryLength - 1))];

    private double Slope(long k) => Math.Abs(Raw(k) - Raw(k - 1));

    private int Samples(double seconds) => (int)Math.Round(seconds * _sampleRate);
}
