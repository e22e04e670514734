using System.Numerics;
using System.Runtime.InteropServices;

namespace AtdMonitor.Data.Spectrograms;

/// <summary>The continuous log-magnitude STFT of a signal (see <see cref="SpectrogramSpec"/>).</summary>
/// <remarks>Only 32 bins of a 64-point transform are needed, so each column is 64 dot products of the frame with
/// Hann-windowed cosine and sine rows, vectorised; this is faster than an FFT at this size.</remarks>
public static class StftSpectrogram
{
    private const int Size = SpectrogramSpec.FftSize;

    // [row][i] for bins 1..32: cos and sin of 2π·bin·i/64 times the periodic Hann window (as torch.hann_window), whose
    // peak, index 32, falls on the column's centre sample.
    private static readonly float[] CosBasis = CreateBasis(Math.Cos);
    private static readonly float[] SinBasis = CreateBasis(Math.Sin);

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

        Span<float> frame = stackalloc float[Size];
        var frameVectors = MemoryMarshal.Cast<float, Vector<float>>(frame);
        var cosVectors = MemoryMarshal.Cast<float, Vector<float>>(CosBasis);
        var sinVectors = MemoryMarshal.Cast<float, Vector<float>>(SinBasis);
        var perRow = Size / Vector<float>.Count;
        for (var c = 0; c < count; c++)
        {
            var frameStart = ((firstColumn + c) * SpectrogramSpec.Hop) - (Size / 2);
            if (frameStart >= 0 && frameStart + Size <= signal.Length)
            {
                signal.Slice((int)frameStart, Size).CopyTo(frame);
            }
            else
            {
                for (var i = 0; i < Size; i++)
                {
                    var t = frameStart + i;
                    frame[i] = t >= 0 && t < signal.Length ? signal[(int)t] : 0;
                }
            }

            for (var row = 0; row < SpectrogramSpec.Rows; row++)
            {
                var re = Vector<float>.Zero;
                var im = Vector<float>.Zero;
                var basis = row * perRow;
                for (var v = 0; v < perRow; v++)
                {
                    re += frameVectors[v] * cosVectors[basis + v];
                    im += frameVectors[v] * sinVectors[basis + v];
                }

                var real = Vector.Sum(re);
                var imaginary = Vector.Sum(im);
                output[(row * count) + c] = MathF.Log(1 + MathF.Sqrt((real * real) + (imaginary * imaginary)));
            }
        }
    }

    /// <summary>The beat image (32 x 32) for an R-peak, cropped from the continuous spectrogram of the whole signal.</summary>
    public static void ComputeBeat(ReadOnlySpan<float> signal, long rPeakSample, Span<float> output) =>
        Compute(signal, SpectrogramSpec.BeatFirstColumn(rPeakSample), SpectrogramSpec.BeatColumns, output);

    private static float[] CreateBasis(Func<double, double> wave)
    {
        var basis = new float[SpectrogramSpec.Rows * Size];
        for (var row = 0; row < SpectrogramSpec.Rows; row++)
        {
            for (var i = 0; i < Size; i++)
            {
                var hann = 0.5 - (0.5 * Math.Cos(2 * Math.PI * i / Size));
                basis[(row * Size) + i] = (float)(hann * wave(2 * Math.PI * (row + 1) * i / Size));
            }
        }

        return basis;
    }
}
