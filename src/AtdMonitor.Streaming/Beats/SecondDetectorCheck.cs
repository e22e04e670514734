using AtdMonitor.Data.Beats;

namespace AtdMonitor.Streaming.Beats;

/// <summary>
/// Runs one lead of a bed through a QRS detector of another design than the beat detector
/// (<see cref="CurveLengthQrsDetector"/>) and tells whether it confirms a beat of the main detector within 150 ms. On lead
/// 0 it also counts the beats it did not confirm over the last 10 s: noise makes each detector find its own false beats,
/// so several beats only the main detector finds mean the signal cannot be trusted (bSQI, Li, Mark and Clifford 2008);
/// one such beat alone (a small ectopic beat) means little. On lead 1 it tells whether a beat shows in a second view of
/// the heart at all: a ventricular beat does, an electrode-motion artefact of lead 0 does not.
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

    /// <summary>Feeds the next samples of the lead (millivolts).</summary>
    public void Push(ReadOnlySpan<float> millivolts)
    {
        _detector.Process(millivolts, _peaks);
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
    public bool Confirms(long rPeakSample) => Judge(rPeakSample) ?? true;

    /// <summary>Whether the second detector found a QRS within 150 ms of <paramref name="rPeakSample"/>; null when it
    /// cannot tell (in its learning period, or not yet seen far enough past the beat).</summary>
    public bool? Judge(long rPeakSample)
    {
        if (rPeakSample < _detector.LearnedFrom + _tolerance || _detector.NextSampleIndex < rPeakSample + _tolerance + _detector.MaxDelaySamples)
        {
            return null;
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
