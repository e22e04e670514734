using AtdMonitor.Data.Beats;

namespace AtdMonitor.Streaming.Beats;

/// <summary>
/// Runs a bed's lead 0 through a second QRS detector of another design (<see cref="CurveLengthQrsDetector"/>) and
/// counts the beats of the main detector it does not confirm within 150 ms over the last 10 s. Noise makes each
/// detector find its own false beats, so several beats only the main detector finds mean the signal cannot be trusted
/// (bSQI, Li, Mark and Clifford 2008); one such beat alone (a small ectopic beat) means little.
/// </summary>
public sealed class SecondDetectorCheck
{
    private readonly CurveLengthQrsDetector _detector = new(BeatSpec.SampleRate);
    private readonly List<long> _peaks = [];
    private readonly long _tolerance = (long)Math.Round(BeatMatching.WindowSeconds * BeatSpec.SampleRate);
    private readonly long _keptSamples = 10 * BeatSpec.SampleRate;
    private readonly List<long> _unconfirmed = [];

    /// <summary>The beats of the last 10 s of signal it did not confirm (no second-detector beat within 150 ms).</summary>
    public int RecentUnconfirmed => _unconfirmed.Count;

    /// <summary>Feeds the next samples of lead 0 (millivolts).</summary>
    public void Push(ReadOnlySpan<float> lead0Mv)
    {
        _detector.Process(lead0Mv, _peaks);
        var oldest = _detector.NextSampleIndex - _keptSamples;
        DropBefore(_peaks, oldest);
        DropBefore(_unconfirmed, oldest);
    }

    /// <summary>Starts afresh at <paramref name="nextSampleIndex"/> (after a gap or a restart).</summary>
    public void Reset(long nextSampleIndex)
    {
        _detector.Reset(nextSampleIndex);
        _peaks.Clear();
        _unconfirmed.Clear();
    }

    /// <summary>Checks the beats just found by the main detector: each the second detector did not confirm counts in <see cref="RecentUnconfirmed"/>.</summary>
    public void Check(IEnumerable<ExtractedBeat> found)
    {
        ArgumentNullException.ThrowIfNull(found);
        foreach (var beat in found)
        {
            if (!Confirms(beat.RPeakSample))
            {
                _unconfirmed.Add(beat.RPeakSample);
            }
        }
    }

    /// <summary>
    /// False when the second detector, learned and past the beat, found no QRS within 150 ms of <paramref name="rPeakSample"/>;
    /// a beat it could not judge (in its learning period, or not yet seen far enough past) stands.
    /// </summary>
    private bool Confirms(long rPeakSample)
    {
        if (rPeakSample < _detector.LearnedFrom + _tolerance || _detector.NextSampleIndex < rPeakSample + _tolerance + _detector.MaxDelaySamples)
        {
            return true;
        }

        foreach (var peak in _peaks)
        {
            if (Math.Abs(peak - rPeakSample) <= _tolerance)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Drops the samples before <paramref name="oldest"/> from an ascending list.</summary>
    private static void DropBefore(List<long> samples, long oldest)
    {
        var stale = 0;
        while (stale < samples.Count && samples[stale] < oldest)
        {
            stale++;
        }

        samples.RemoveRange(0, stale);
    }
}
