using System.Numerics;

namespace AtdMonitor.Data.Beats;

/// <summary>
/// Per-stream beat builder: feed lead-0 samples (mV) in chunks of any size; it detects R-peaks
/// (<see cref="StreamingRPeakDetector"/>) and emits each beat's features (<see cref="BeatFeatureSequence"/>, the
/// code the offline dataset uses) once the next R-peak is known and the window is complete.
/// </summary>
public sealed class StreamingBeatExtractor
{
    // Samples are handled in slices no longer than this, so the history never overflows whatever the chunk size.
    private const int SliceLength = 256;

    private readonly StreamingRPeakDetector _detector;
    private readonly BeatFeatureSequence _features;
    private readonly float[] _history;
    private readonly float[] _window = new float[BeatSpec.WindowLength];
    private readonly List<long> _detected = [];
    private readonly Queue<long> _awaitingWindow = new();
    private long _start;
    private long _next;

    public StreamingBeatExtractor(double sampleRate = BeatSpec.SampleRate)
    {
        _detector = new StreamingRPeakDetector(sampleRate);
        _features = new BeatFeatureSequence(sampleRate);
        _history = new float[(int)BitOperations.RoundUpToPowerOf2((uint)(_detector.MaxDelaySamples + SliceLength + (2 * BeatSpec.WindowLength)))];
    }

    /// <summary>The absolute index of the next sample <see cref="Push"/> expects.</summary>
    public long NextSampleIndex => _next;

    /// <summary>The detector's bound on report delay, in samples.</summary>
    public int MaxDelaySamples => _detector.MaxDelaySamples;

    /// <summary>Feeds the next lead-0 samples; appends the beats completed by them.</summary>
    public void Push(ReadOnlySpan<float> lead0Mv, List<ExtractedBeat> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        while (!lead0Mv.IsEmpty)
        {
            var slice = lead0Mv[..Math.Min(SliceLength, lead0Mv.Length)];
            lead0Mv = lead0Mv[slice.Length..];
            foreach (var x in slice)
            {
                _history[(int)(_next++ & (_history.Length - 1))] = x;
            }

            _detected.Clear();
            _detector.Process(slice, _detected);
            foreach (var r in _detected)
            {
                _awaitingWindow.Enqueue(r);
            }

            while (_awaitingWindow.TryPeek(out var r) && r + BeatSpec.WindowAfter <= _next)
            {
                _awaitingWindow.Dequeue();
                var start = r - BeatSpec.WindowBefore;
                var window = ReadOnlySpan<float>.Empty;
                if (start >= _start)
                {
                    for (var i = 0; i < BeatSpec.WindowLength; i++)
                    {
                        _window[i] = _history[(int)((start + i) & (_history.Length - 1))];
                    }

                    window = _window;
                }

                if (_features.Add(r, window) is { } beat)
                {
                    output.Add(beat);
                }
            }
        }
    }

    /// <summary>After a gap: drops all state cleanly (no beat spans the gap); the next sample is <paramref name="nextSampleIndex"/>.</summary>
    public void Reset(long nextSampleIndex)
    {
        _detector.Reset(nextSampleIndex);
        _features.Reset();
        _awaitingWindow.Clear();
        _start = _next = nextSampleIndex;
    }
}
