namespace AtdMonitor.Data.Spectrograms;

/// <summary>The continuous log-magnitude STFT of a signal (see <see cref="SpectrogramSpec"/>).</summary>
public static class StftSpectrogram
{
    private static readonly double[] Hann = CreateHann();

    /// <summary>Columns [firstColumn, firstColumn + count) of the continuous log-magnitude spectrogram of
    /// <paramref name="signal"/> (signal[0] is sample 0 of the record; samples outside it count as 0); output is
    /// row-major [Rows x count].</summary>
    public static void Compute(ReadOnlySpan<float> signal, long firstColumn, int count, Span<float> output)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (output.Length < SpectrogramSpec.Rows * count)
        {
            throw new ArgumentException($"Output holds {output.Length} values; {SpectrogramSpec.Rows} x {count} needed.", nameof(output));
        }

        Span<double> re = stackalloc double[SpectrogramSpec.FftSize];
        Span<double> im = stackalloc double[SpectrogramSpec.FftSize];
        for (var c = 0; c < count; c++)
        {
            var frameStart = ((firstColumn + c) * SpectrogramSpec.Hop) - (SpectrogramSpec.FftSize / 2);
            for (var i = 0; i < SpectrogramSpec.FftSize; i++)
            {
                var t = frameStart + i;
                re[i] = t >= 0 && t < signal.Length ? signal[(int)t] * Hann[i] : 0;
                im[i] = 0;
            }

            Fft64.Transform(re, im);
            for (var row = 0; row < SpectrogramSpec.Rows; row++)
            {
                var bin = row + 1;
                output[(row * count) + c] = (float)Math.Log(1 + Math.Sqrt((re[bin] * re[bin]) + (im[bin] * im[bin])));
            }
        }
    }

    /// <summary>The beat image (32 x 32) for an R-peak, cropped from the continuous spectrogram of the whole signal.</summary>
    public static void ComputeBeat(ReadOnlySpan<float> signal, long rPeakSample, Span<float> output) =>
        Compute(signal, SpectrogramSpec.BeatFirstColumn(rPeakSample), SpectrogramSpec.BeatColumns, output);

    // Periodic Hann (as torch.hann_window): its peak, index 32, falls on the column's centre sample.
    private static double[] CreateHann()
    {
        var window = new double[SpectrogramSpec.FftSize];
        for (var i = 0; i < window.Length; i++)
        {
            window[i] = 0.5 - (0.5 * Math.Cos(2 * Math.PI * i / SpectrogramSpec.FftSize));
        }

        return window;
    }
}
