namespace AtdMonitor.Data.Beats;

/// <summary>
/// Causal, chunk-size independent R-peak detector in the Pan–Tompkins style: 5–15 Hz band-pass, five-point
/// derivative, squaring, 150 ms moving-window integration, then adaptive signal/noise thresholds with a
/// 200 ms refractory period, T-wave rejection by slope and search-back for missed beats. Each accepted
/// integrator peak is located on the band-passed signal (largest |x| in the integration window).
/// </summary>
/// <remarks>Every sample goes through the same per-sample state machine, so the output does not depend on how
/// the samples are cut into chunks. A peak is reported at most <see cref="MaxDelaySamples"/> after it occurred.</remarks>
public sealed class StreamingRPeakDetector
{
    private const int HistoryLength = 512; // power of two, > integration window + confirmation delay
    private const int MaxRrHistory = 8;

    private readonly double _sampleRate;
    private readonly Biquad _highPass;
    private readonly Biquad _lowPass;
    private readonly int _integrationWindow;
    private readonly int _confirmDelay;
    private readonly int _refractory;
    private readonly int _tWaveWindow;
    private readonly int _learningSamples;
    private readonly int _searchBackCap;
    private readonly int _locateBack;
    private readonly int _bandPassDelay;
    private readonly double[] _bandPassed = new double[HistoryLength];
    private readonly double[] _slope = new double[HistoryLength];
    private readonly double[] _squared = new double[HistoryLength];
    private readonly List<Peak> _pending = [];
    private readonly List<Peak> _learning = [];
    private readonly Queue<int> _rr = new();

    private long _index;
    private long _start;
    private float _offset;
    private double _integralSum;
    private double _integral1, _integral2;
    private Peak? _candidate;
    private double _signalLevel, _noiseLevel;
    private double _learningMax, _learningSum;
    private bool _learned;
    private long _lastR = long.MinValue;
    private long _lastDecay = long.MinValue;
    private double _lastSlope;
    private int _rrSum;

    /// <summary>Creates a detector for signals sampled at <paramref name="sampleRate"/> Hz, starting at sample 0.</summary>
    public StreamingRPeakDetector(double sampleRate = 360)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sampleRate, 0);
        _sampleRate = sampleRate;
        _highPass = Biquad.HighPass(5, sampleRate);
        _lowPass = Biquad.LowPass(15, sampleRate);
        _integrationWindow = Samples(0.150);
        _confirmDelay = Samples(0.200);
        _refractory = Samples(0.200);
        _tWaveWindow = Samples(0.360);
        _learningSamples = Samples(2.0);
        _searchBackCap = Samples(2.0);
        _locateBack = _integrationWindow + Samples(0.060);
        _bandPassDelay = Samples(0.044);
        MaxDelaySamples = Math.Max(_learningSamples, Math.Max(_searchBackCap, _confirmDelay + _locateBack)) + _bandPassDelay + 1;
        Reset(0);
    }

    /// <summary>The most samples between an R-peak and the end of the chunk in which it is reported.</summary>
    public int MaxDelaySamples { get; }

    /// <summary>The absolute index of the next sample <see cref="Process"/> expects.</summary>
    public long NextSampleIndex => _index;

    /// <summary>Feeds the next samples (mV); appends the absolute indices of R-peaks found so far, in order.</summary>
    public void Process(ReadOnlySpan<float> samplesMv, List<long> detectedPeaks)
    {
        ArgumentNullException.ThrowIfNull(detectedPeaks);
        foreach (var x in samplesMv)
        {
            Step(x, detectedPeaks);
        }
    }

    /// <summary>Drops all state (after a gap); the sample numbering continues where it was.</summary>
    public void Reset() => Reset(_index);

    /// <summary>Drops all state; the next sample fed is sample <paramref name="nextSampleIndex"/>.</summary>
    public void Reset(long nextSampleIndex)
    {
        _index = nextSampleIndex;
        _start = nextSampleIndex;
        _highPass.Reset();
        _lowPass.Reset();
        Array.Clear(_bandPassed);
        Array.Clear(_slope);
        Array.Clear(_squared);
        _pending.Clear();
        _learning.Clear();
        _rr.Clear();
        _rrSum = 0;
        _integralSum = _integral1 = _integral2 = 0;
        _candidate = null;
        _signalLevel = _noiseLevel = _learningMax = _learningSum = 0;
        _learned = false;
        _lastR = long.MinValue;
        _lastDecay = long.MinValue;
        _lastSlope = 0;
    }

    private int Samples(double seconds) => (int)Math.Round(seconds * _sampleRate);

    private void Step(float x, List<long> output)
    {
        var n = _index++;
        var age = n - _start;
        if (age == 0)
        {
            // Start the band-pass from the first value as if it had been there forever: no start-up transient.
            _offset = x;
        }

        var slot = (int)(n & (HistoryLength - 1));
        var bandPassed = _lowPass.Next(_highPass.Next(x - _offset));
        _bandPassed[slot] = bandPassed;
        var derivative = ((2 * bandPassed) + At(_bandPassed, n - 1) - At(_bandPassed, n - 3) - (2 * At(_bandPassed, n - 4))) / 8;
        _slope[slot] = Math.Abs(derivative);
        var squared = derivative * derivative;
        _squared[slot] = squared;
        _integralSum += squared - (age >= _integrationWindow ? At(_squared, n - _integrationWindow) : 0);
        var integral = Math.Max(_integralSum, 0) / _integrationWindow;

        if (!_learned)
        {
            _learningMax = Math.Max(_learningMax, integral);
            _learningSum += integral;
        }

        // A local maximum of the integrator at n − 1 becomes the candidate unless a larger one is pending.
        if (age >= 2 && _integral1 > _integral2 && _integral1 >= integral && (_candidate is null || _integral1 > _candidate.Value.Value))
        {
            _candidate = Locate(n - 1, _integral1);
        }

        _integral2 = _integral1;
        _integral1 = integral;

        if (_candidate is { } candidate && n - candidate.IntegratorTime >= _confirmDelay)
        {
            _candidate = null;
            if (_learned)
            {
                Classify(candidate, n, output);
            }
            else
            {
                _learning.Add(candidate);
            }
        }

        if (!_learned && age + 1 >= _learningSamples)
        {
            EndLearning(n, output);
        }

        if (_learned && _lastR != long.MinValue && n - _lastR > SearchBackLimit)
        {
            SearchBack(n, output);
        }
    }

    private double At(double[] history, long index) => index < _start ? 0 : history[(int)(index & (HistoryLength - 1))];

    private Peak Locate(long integratorTime, double value)
    {
        var bestIndex = integratorTime;
        double best = -1, slope = 0;
        var from = Math.Max(_start, integratorTime - _locateBack);
        for (var i = integratorTime; i >= from; i--)
        {
            var magnitude = Math.Abs(At(_bandPassed, i));
            if (magnitude > best)
            {
                best = magnitude;
                bestIndex = i;
            }

            slope = Math.Max(slope, At(_slope, i));
        }

        return new Peak(integratorTime, value, Math.Max(_start, bestIndex - _bandPassDelay), slope);
    }

    private void EndLearning(long n, List<long> output)
    {
        _learned = true;
        _signalLevel = _learningMax * 0.5;
        _noiseLevel = _learningSum / (n - _start + 1) * 0.5;
        foreach (var peak in _learning)
        {
            Classify(peak, n, output);
        }

        _learning.Clear();
    }

    private double Threshold1 => _noiseLevel + (0.25 * (_signalLevel - _noiseLevel));

    private double Threshold2 => 0.5 * Threshold1;

    private int SearchBackLimit => _rr.Count == 0 ? _searchBackCap : Math.Min(_searchBackCap, (int)(1.66 * _rrSum / _rr.Count));

    private void Classify(Peak peak, long n, List<long> output)
    {
        var sinceLast = _lastR == long.MinValue ? long.MaxValue : peak.R - _lastR;
        var isQrs = peak.Value > Threshold1
            && sinceLast >= _refractory
            && !(sinceLast < _tWaveWindow && peak.Slope < 0.5 * _lastSlope);
        if (isQrs)
        {
            Accept(peak, 0.125, output);
            return;
        }

        _noiseLevel = (0.125 * peak.Value) + (0.875 * _noiseLevel);
        if (sinceLast >= _refractory)
        {
            _pending.Add(peak);
        }

        if (_lastR != long.MinValue && n - _lastR > SearchBackLimit)
        {
            SearchBack(n, output);
        }
    }

    private void SearchBack(long n, List<long> output)
    {
        var best = -1;
        for (var i = 0; i < _pending.Count; i++)
        {
            var peak = _pending[i];
            if (peak.Value > Threshold2 && peak.R - _lastR >= _refractory && (best < 0 || peak.Value > _pending[best].Value))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            _pending.Clear();

            // No beat at all for a whole search-back cap: the signal level is stale (e.g. after a large artefact),
            // so halve it, once per cap of silence.
            if (n - Math.Max(_lastR, _lastDecay) > _searchBackCap)
            {
                _signalLevel *= 0.5;
                _lastDecay = n;
            }

            return;
        }

        var later = _pending.GetRange(best + 1, _pending.Count - best - 1);
        var found = _pending[best];
        _pending.Clear();
        Accept(found, 0.25, output);
        foreach (var peak in later)
        {
            Classify(peak, n, output);
        }
    }

    private void Accept(Peak peak, double weight, List<long> output)
    {
        _signalLevel = (weight * peak.Value) + ((1 - weight) * _signalLevel);
        if (_lastR != long.MinValue)
        {
            var rr = (int)Math.Min(peak.R - _lastR, int.MaxValue);
            _rr.Enqueue(rr);
            _rrSum += rr;
            if (_rr.Count > MaxRrHistory)
            {
                _rrSum -= _rr.Dequeue();
            }
        }

        _lastR = peak.R;
        _lastSlope = peak.Slope;
        _pending.Clear();
        output.Add(peak.R);
    }

    private readonly record struct Peak(long IntegratorTime, double Value, long R, double Slope);
}
