using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Spectrograms;
using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>
/// What the beat pipeline needs beyond the protocol's own limits (docs/PROTOCOL.md, "Windows and sequence numbers"): 360 Hz windows of
/// 360 samples with at least one lead, and 32 x 40 spectrograms. A message outside these is valid protocol but
/// unusable by this model, so it is dead-lettered with the reason.
/// </summary>
public static class StreamContract
{
    public const int SamplesPerWindow = BeatSpec.SampleRate;

    public static string? Check(WireMessage message) => message switch
    {
        EcgWindow { SampleRate: not BeatSpec.SampleRate } ecg => $"sample rate {ecg.SampleRate} Hz: this worker's model needs {BeatSpec.SampleRate} Hz.",
        EcgWindow { SamplesPerLead: not SamplesPerWindow } ecg => $"{ecg.SamplesPerLead} samples per lead: this worker needs windows of {SamplesPerWindow} (1 s).",
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

    /// <summary>Lead 1 of a window in millivolts, or null when the device sends one lead only.</summary>
    public static float[]? Lead1Millivolts(EcgWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return window.Leads >= 2 ? Millivolts(window, 1) : null;
    }

    private static float[] Millivolts(EcgWindow window, int lead)
    {
        var samples = window.Lead(lead).ToArray();
        if (window.Units == EcgUnits.Microvolts)
        {
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] *= 0.001f;
            }
        }

        return samples;
    }
}
