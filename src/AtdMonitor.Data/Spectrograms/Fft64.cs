namespace AtdMonitor.Data.Spectrograms;

/// <summary>In-place radix-2 FFT of length <see cref="SpectrogramSpec.FftSize"/>.</summary>
internal static class Fft64
{
    private const int Size = SpectrogramSpec.FftSize;
    private static readonly double[] Cos = new double[Size / 2];
    private static readonly double[] Sin = new double[Size / 2];
    private static readonly int[] Reversed = new int[Size];

#pragma warning disable CA1810 // The tables depend on each other; one static constructor is the clearest.
    static Fft64()
#pragma warning restore CA1810
    {
        for (var i = 0; i < Size / 2; i++)
        {
            Cos[i] = Math.Cos(2 * Math.PI * i / Size);
            Sin[i] = -Math.Sin(2 * Math.PI * i / Size);
        }

        var bits = System.Numerics.BitOperations.Log2(Size);
        for (var i = 0; i < Size; i++)
        {
            var r = 0;
            for (var b = 0; b < bits; b++)
            {
                r |= ((i >> b) & 1) << (bits - 1 - b);
            }

            Reversed[i] = r;
        }
    }

    public static void Transform(Span<double> re, Span<double> im)
    {
        for (var i = 0; i < Size; i++)
        {
            var j = Reversed[i];
            if (j > i)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        for (var length = 2; length <= Size; length <<= 1)
        {
            var half = length / 2;
            var step = Size / length;
            for (var start = 0; start < Size; start += length)
            {
                for (var k = 0; k < half; k++)
                {
                    var (wr, wi) = (Cos[k * step], Sin[k * step]);
                    var a = start + k;
                    var b = a + half;
                    var tr = (re[b] * wr) - (im[b] * wi);
                    var ti = (re[b] * wi) + (im[b] * wr);
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}
