using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Spectrograms;
using AtdMonitor.Streaming.Pairing;

namespace AtdMonitor.Streaming.Beats;

/// <summary>
/// Turns one bed's paired windows (in sequence order) into beats: lead 0 goes to the data layer's
/// <see cref="StreamingBeatExtractor"/>, images to a <see cref="SpectrogramStrip"/>, and each beat gets its 32 x 32 crop.
/// A jump in sequence numbers (a gap) resets both at the new window's first sample, so no beat spans the hole.
/// </summary>
public sealed class BedBeatTracker
{
    private readonly StreamingBeatExtractor _extractor = new(BeatSpec.SampleRate);
    private readonly SpectrogramStrip _strip = new();
    private readonly List<ExtractedBeat> _found = [];
    private long? _nextSequence;

    /// <summary>Sequence numbers skipped so far (gaps).</summary>
    public long SkippedWindows { get; private set; }

    /// <summary>Feeds one window; appends the beats it completes. Returns true when the window follows a gap.</summary>
    public bool Process(PairedWindow window, float[] lead0Millivolts, List<BeatCandidate> output)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(output);
        var gap = _nextSequence != window.Sequence;
        if (gap)
        {
            SkippedWindows += _nextSequence is { } expected ? window.Sequence - expected : 0;
            _extractor.Reset(window.Ecg.FirstSampleIndex);
            _strip.Reset();
        }

        _nextSequence = window.Sequence + 1;
        if (window.Image is { } image)
        {
            _strip.Append(window.Sequence * SpectrogramSpec.ColumnsPerWindow, image.Values, image.Columns);
        }

        _found.Clear();
        _extractor.Push(lead0Millivolts, _found);
        foreach (var beat in _found)
        {
            var crop = new float[SpectrogramSpec.Rows * SpectrogramSpec.BeatColumns];
            var present = _strip.TryCropBeat(beat.RPeakSample, crop);
            var offset = TimeSpan.FromSeconds((beat.RPeakSample - window.Ecg.FirstSampleIndex) / (double)window.Ecg.SampleRate);
            output.Add(new BeatCandidate(window.Bed, beat.RPeakSample, window.Ecg.FirstSampleTime + offset, beat.Window, beat.Rhythm, crop, present));
        }

        return gap && SkippedWindows > 0;
    }
}
