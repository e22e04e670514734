using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Spectrograms;
using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>
/// What the beat pipeline needs beyond the protocol's own limits (docs/PROTOCOL.md, "Windows and sequence numbers"): 360 Hz windows of
/// 360 samples with at least one lead, every sample within ± <see cref="MaxAbsMillivolts"/>, and 32 x 40 spectrograms. A
/// message outside these is valid protocol but unusable by this model, so it is dead-lettered with the reason.
/// </summary>
public static class StreamContract
{
    public const int SamplesPerWindow = BeatSpec.SampleRate;

    /// <summary>
    /// The largest sample magnitude accepted, mV: ten times an ECG amplifier's usual ± 5 mV range, so clipping at the rail
    /// still arrives (as saturation), while a broken device's or wrong unit's absurd values (one sample of 1e20 stopped
    /// the beat detector of its bed for good) do not.
    /// </summary>
    public const float MaxAbsMillivolts = 50f;

    public static string? Check(WireMessage message) => message switch
    {
        EcgWindow { SampleRate: not BeatSpec.SampleRate } ecg => $"sample rate {ecg.SampleRate} Hz: this worker's model needs {BeatSpec.SampleRate} Hz.",
        EcgWindow { SamplesPerLead: not SamplesPerWindow } ecg => $"{ecg.SamplesPerLead} samples per lead: this worker needs windows of {SamplesPerWindow} (1 s).",
        EcgWindow ecg when LargestMillivolts(ecg) is > MaxAbsMillivolts and var largest =>
            $"a sample of {largest:G3} mV: this worker takes samples within ± {MaxAbsMillivolts} mV (no ECG is larger; check the device and its units).",
        SpectrogramWindow image when image.Rows != SpectrogramSpec.Rows || image.Columns != SpectrogramSpec.ColumnsPerWindow =>
            $"image shape {image.Rows} x {image.Columns}: this worker needs {SpectrogramSpec.Rows} x {SpectrogramSpec.ColumnsPerWindow} per window.",
        _ => null,
    };

    /// <summary>Lead 0 of a window in millivolts.</summary>
    public static float[] Lead0Millivolts(EcgWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return Millivolts(window, 0);
    }

    /// <summary>Lead 1 of a window in millivolts, or null when the device sends one lead only or reports lead 1's
    /// electrodes off (what it carries then is no signal).</summary>
    public static float[]? Lead1Millivolts(EcgWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return window.Leads >= 2 && !window.IsLeadOff(1) ? Millivolts(window, 1) : null;
    }

    private static float LargestMillivolts(EcgWindow window)
    {
        var largest = 0f;
        foreach (var sample in window.Samples)
        {
            largest = Math.Max(largest, Math.Abs(sample));
        }

        return largest * MillivoltsPerUnit(window.Units);
    }

    private static float[] Millivolts(EcgWindow window, int lead)
    {
        var samples = window.Lead(lead).ToArray();
        var scale = MillivoltsPerUnit(window.Units);
        if (scale != 1f)
        {
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] *= scale;
            }
        }

        return samples;
    }

    private static float MillivoltsPerUnit(EcgUnits units) => units == EcgUnits.Microvolts ? 0.001f : 1f;
}
