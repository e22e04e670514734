using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Streaming.Beats;

/// <summary>
/// Tells, for each beat the main detector finds on lead 0, whether lead 1 failed to show it: a detector of another
/// design (<see cref="SecondDetectorCheck"/>) runs on lead 1 and finds no QRS within 150 ms. Lead 1 is only believed
/// while it is clean and shows the bed's beats: when the window that holds the beat is flat, saturated or noisy (a lead
/// off, mains), when its noise index reaches <paramref name="believedNoiseIndex"/> (muscle noise that hides true beats
/// from its detector long before the lead is poor; <see cref="SignalQualityAlertOptions.Lead1BelievedNoiseIndex"/>), or
/// when it confirmed fewer than <see cref="MinimumConfirmed"/> of the bed's last <see cref="RecentBeats"/> beats it could
/// judge, no beat is said to be missed on it, so a lead 1 that fails in these ways cannot hold back a ventricular alarm.
/// (One that shows only slow wander can still confirm beats by chance and then miss one now and then; a run tolerates
/// one.) A bed that sends one lead has no beat missed on lead 1.
/// </summary>
public sealed class Lead1BeatCheck(double believedNoiseIndex)
{
    /// <summary>The bed's most recent beats over which lead 1 must have shown its worth.</summary>
    public const int RecentBeats = 8;

    /// <summary>Of the <see cref="RecentBeats"/>, how many lead 1 must have confirmed to be believed (half: in noise on
    /// lead 0, the artefacts among the beats are missed on lead 1 while the true beats are not).</summary>
    public const int MinimumConfirmed = 4;

    /// <summary>The windows whose verdicts are kept: the detector judges a beat a few seconds after it (its delay).</summary>
    private const int KeptWindows = 12;

    // Made with the first window that carries lead 1: a bed that sends one lead never pays for the detector's buffers.
    private SecondDetectorCheck? _detector;
    private readonly Queue<bool> _recent = new();
    private readonly Queue<(long First, long End, bool Believed)> _windows = new();
    private bool _started;

    /// <summary>Feeds one window's lead 1 (millivolts; null when the bed sent none) starting at <paramref name="firstSampleIndex"/>.</summary>
    public void Push(float[]? lead1, long firstSampleIndex, bool followsGap, SignalQualityVerdict lead1Quality)
    {
        if (lead1 is null)
        {
            _started = false;
            _recent.Clear();
            _windows.Clear();
            return;
        }

        var detector = _detector ??= new SecondDetectorCheck();
        if (followsGap || !_started)
        {
            detector.Reset(firstSampleIndex);
            _recent.Clear();
            _windows.Clear();
            _started = true;
        }

        detector.Push(lead1);
        _windows.Enqueue((firstSampleIndex, firstSampleIndex + lead1.Length, !lead1Quality.IsPoor && lead1Quality.NoiseIndex < believedNoiseIndex));
        if (_windows.Count > KeptWindows)
        {
            _windows.Dequeue();
        }
    }

    /// <summary>True when lead 1 is believed (in the window that holds the beat, and over the recent beats) and its
    /// detector, able to judge, found no QRS within 150 ms of the beat at <paramref name="rPeakSample"/>; every beat it
    /// judges counts towards believing it.</summary>
    public bool Misses(long rPeakSample)
    {
        if (!_started || _detector?.Judge(rPeakSample) is not { } confirmed)
        {
            return false;
        }

        var believed = _windows.Any(w => w.First <= rPeakSample && rPeakSample < w.End && w.Believed) && _recent.Count(c => c) >= MinimumConfirmed;
        _recent.Enqueue(confirmed);
        if (_recent.Count > RecentBeats)
        {
            _recent.Dequeue();
        }

        return believed && !confirmed;
    }
}
