using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Spectrograms;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Pairing;

namespace AtdMonitor.Streaming.Beats;

/// <summary>
/// Turns one bed's paired windows (in sequence order) into beats: judges each window's signal quality, feeds lead 0 to
/// the data layer's <see cref="StreamingBeatExtractor"/> and images to a <see cref="SpectrogramStrip"/>, and gives each
/// beat its 32 x 32 crop. A window that follows a gap or a restart resets both at its first sample, so no beat spans
/// the hole. The strip is allocated with the first image: a bed that sends none costs no image memory. With
/// <see cref="SignalQualityAlertOptions.UnconfirmedBeatsPoor"/>, a second detector of another design checks every beat,
/// and a window after which too many recent beats went unconfirmed is poor. When the bed sends lead 1, a detector of the
/// same design runs on it, and each beat says whether lead 1, while believed, failed to show it
/// (<see cref="Lead1BeatCheck"/>, <see cref="BeatCandidate.MissedOnLead1"/>).
/// </summary>
public sealed class BedBeatTracker(SignalQualityAlertOptions quality)
{
    private readonly StreamingBeatExtractor _extractor = new(BeatSpec.SampleRate);
    private readonly SecondDetectorCheck? _check = quality.UnconfirmedBeatsPoor > 0 ? new SecondDetectorCheck() : null;
    private readonly Lead1BeatCheck _lead1 = new(quality.Lead1BelievedNoiseIndex);

    /// <summary>
    /// Windows a detector started afresh needs before it reports the beats an uninterrupted one would: its learning
    /// period and report delay, plus a window of margin on each side.
    /// </summary>
    public static int WarmUpWindows { get; } =
        (int)Math.Ceiling(new StreamingBeatExtractor(BeatSpec.SampleRate).MaxDelaySamples / (double)StreamContract.SamplesPerWindow) + 2;
    private readonly List<ExtractedBeat> _found = [];
    private SpectrogramStrip? _strip;
    private bool _started;

    /// <summary>Processes one window; returns it as monitored with the beats it completes.</summary>
    public WindowBeats Process(PairedWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var ecg = window.Ecg;
        var followsGap = window.FollowsGap || !_started;
        if (followsGap)
        {
            _extractor.Reset(ecg.FirstSampleIndex);
            _check?.Reset(ecg.FirstSampleIndex);
            _strip?.Reset();
            _started = true;
        }

        if (window.Image is { } image)
        {
            _strip ??= new SpectrogramStrip();
            _strip.Append(checked(window.Sequence * SpectrogramSpec.ColumnsPerWindow), image.Values, image.Columns);
        }

        var lead0 = StreamContract.Lead0Millivolts(ecg);
        var lead1 = StreamContract.Lead1Millivolts(ecg);
        _lead1.Push(lead1, ecg.FirstSampleIndex, followsGap, lead1 is null ? default : SignalQualityAssessor.Assess(lead1, quality));

        _found.Clear();
        _check?.Push(lead0);
        _extractor.Push(lead0, _found);
        _check?.Check(_found);
        var verdict = SignalQualityAssessor.Assess(lead0, quality);
        if (ecg.IsLeadOff(0))
        {
            // The device knows: whatever lead 0 shows (a flat line or noise) is no patient's signal, and no asystole.
            verdict = verdict with { Problem = SignalQualityVerdict.LeadOff };
        }
        else if (!verdict.IsPoor && _check?.RecentUnconfirmed >= quality.UnconfirmedBeatsPoor)
        {
            verdict = verdict with { Problem = SignalQualityVerdict.UnconfirmedBeats };
        }

        var beats = new List<BeatCandidate>(_found.Count);
        foreach (var beat in _found)
        {
            var crop = new float[SpectrogramSpec.Rows * SpectrogramSpec.BeatColumns];
            var present = _strip?.TryCropBeat(beat.RPeakSample, crop) == true;
            var offset = TimeSpan.FromSeconds((beat.RPeakSample - ecg.FirstSampleIndex) / (double)ecg.SampleRate);
            beats.Add(new BeatCandidate(window.Bed, beat.RPeakSample, ecg.FirstSampleTime + offset, beat.Window, beat.Rhythm, crop, present, verdict.IsPoor,
                _lead1.Misses(beat.RPeakSample)));
        }

        var monitored = new MonitoredWindow(window.Bed, window.Epoch, window.Sequence, ecg.FirstSampleTime, ecg.SampleRate, lead0, window.ImageMissing, followsGap, verdict,
            lead1);
        return new WindowBeats(monitored, beats, window.Receipts);
    }
}
