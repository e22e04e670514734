using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Spectrograms;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;

namespace AtdMonitor.TestSupport;

/// <summary>
/// A deterministic two-lead ECG at 360 Hz with P, QRS and T waves at a fixed heart rate (none at 0 bpm) plus a little noise, cut into the
/// wire's 1 s windows with their 32 x 40 spectrograms. The beats the worker must find are computed here with the same
/// data-layer extractor the worker runs (<see cref="ExpectedBeats"/>).
/// </summary>
public sealed class SyntheticEcg
{
    public const int SampleRate = BeatSpec.SampleRate;
    private readonly float[][] _leads;

    public SyntheticEcg(double heartRateBpm, int seconds, int seed = 1)
    {
        var random = new Random(seed);
        var length = seconds * SampleRate;
        _leads = [new float[length], new float[length]];
        var rr = 60.0 / heartRateBpm * SampleRate;
        for (var beat = 0.3 * SampleRate; heartRateBpm > 0 && beat < length + SampleRate; beat += rr)
        {
            AddWave(beat - (0.16 * SampleRate), 0.15f, 0.025 * SampleRate);
            AddWave(beat - (0.02 * SampleRate), -0.12f, 0.006 * SampleRate);
            AddWave(beat, 1.4f, 0.009 * SampleRate);
            AddWave(beat + (0.025 * SampleRate), -0.25f, 0.008 * SampleRate);
            AddWave(beat + (0.28 * SampleRate), 0.3f, 0.05 * SampleRate);
        }

        for (var i = 0; i < length; i++)
        {
#pragma warning disable CA5394 // Test noise needs no cryptographic randomness.
            _leads[0][i] += (float)((random.NextDouble() - 0.5) * 0.02);
            _leads[1][i] = (0.6f * _leads[0][i]) + (float)((random.NextDouble() - 0.5) * 0.02);
#pragma warning restore CA5394
        }
    }

    /// <summary>An electrode off the skin: noise of a few µV and no heartbeat (a signal-quality alert).</summary>
    public static SyntheticEcg LeadOff(int seconds) => new(0, seconds);

    public int Windows => _leads[0].Length / SampleRate;

    /// <summary>Window <paramref name="sequence"/>: 2 leads x 360 samples, lead-major, in mV.</summary>
    public float[] WindowSamples(long sequence)
    {
        var samples = new float[2 * SampleRate];
        _leads[0].AsSpan((int)sequence * SampleRate, SampleRate).CopyTo(samples);
        _leads[1].AsSpan((int)sequence * SampleRate, SampleRate).CopyTo(samples.AsSpan(SampleRate));
        return samples;
    }

    /// <summary>The spectrogram of window <paramref name="sequence"/>: columns s/9 .. s/9+39 of the continuous STFT of lead 1.</summary>
    public float[] WindowSpectrogram(long sequence)
    {
        var image = new float[SpectrogramSpec.Rows * SpectrogramSpec.ColumnsPerWindow];
        StftSpectrogram.Compute(_leads[1], sequence * SpectrogramSpec.ColumnsPerWindow, SpectrogramSpec.ColumnsPerWindow, image);
        return image;
    }

    /// <summary>What a bedside device sends for window <paramref name="sequence"/> of <paramref name="bed"/>, sample 0 at
    /// <paramref name="start"/>: the ECG window, then its spectrogram, each with its topic, encoded for the wire.</summary>
    public IReadOnlyList<(string Topic, byte[] Payload)> WireMessages(string bed, long sequence, DateTimeOffset start)
    {
        var time = start.AddSeconds(sequence);
        return
        [
            (AtdTopics.Ecg(bed), WireCodec.Encode(new EcgWindow(bed, sequence, time, SampleRate, 2, EcgUnits.Millivolts, WindowSamples(sequence)))),
            (AtdTopics.Spectrogram(bed), WireCodec.Encode(new SpectrogramWindow(bed, sequence, time, 32, 40, WindowSpectrogram(sequence)))),
        ];
    }

    /// <summary>The R-peak sample of every beat the worker reports for windows [first, end) given it starts fresh at
    /// <paramref name="first"/> (the first window after a start or a gap resets the extractor there).</summary>
    public IReadOnlyList<long> ExpectedBeats(long first, long end)
    {
        var extractor = new StreamingBeatExtractor(SampleRate);
        extractor.Reset(first * SampleRate);
        var found = new List<ExtractedBeat>();
        for (var sequence = first; sequence < end; sequence++)
        {
            extractor.Push(_leads[0].AsSpan((int)sequence * SampleRate, SampleRate), found);
        }

        return found.Select(beat => beat.RPeakSample).ToList();
    }

    private void AddWave(double center, float amplitude, double width)
    {
        var from = Math.Max(0, (int)(center - (5 * width)));
        var to = Math.Min(_leads[0].Length, (int)(center + (5 * width)));
        for (var i = from; i < to; i++)
        {
            var z = (i - center) / width;
            _leads[0][i] += amplitude * (float)Math.Exp(-0.5 * z * z);
        }
    }
}
