namespace AtdMonitor.Data.Spectrograms;

/// <summary>The spectrogram of the second lead: STFT with a 64-point Hann window, hop 9 (40 columns per second),
/// log(1 + |X|) of bins 1..32 (row 0 = lowest frequency).</summary>
public static class SpectrogramSpec
{
    /// <summary>FFT length and window length, in samples.</summary>
    public const int FftSize = 64;

    /// <summary>Samples between columns; column k is centred on sample k × 9.</summary>
    public const int Hop = 9;

    /// <summary>Frequency rows: bins 1..32 (5.6 .. 180 Hz at 360 Hz).</summary>
    public const int Rows = 32;

    /// <summary>Columns per 360-sample wire window.</summary>
    public const int ColumnsPerWindow = 40;

    /// <summary>Columns of a beat image, centred on the R-peak column.</summary>
    public const int BeatColumns = 32;

    /// <summary>The fixed range of log(1 + |X|) that the 8-bit PNG maps to 0..255; larger values saturate.</summary>
    public const float PngMaxValue = 4f;

    /// <summary>The first column of the beat image for an R-peak at <paramref name="rPeakSample"/>: round(r / 9) − 16.</summary>
    public static long BeatFirstColumn(long rPeakSample) => ((rPeakSample + (Hop / 2)) / Hop) - (BeatColumns / 2);
}
