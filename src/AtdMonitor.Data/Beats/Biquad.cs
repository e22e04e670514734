namespace AtdMonitor.Data.Beats;

/// <summary>A second-order IIR section (transposed direct form II), Butterworth-designed.</summary>
internal sealed class Biquad
{
    private readonly double _b0, _b1, _b2, _a1, _a2;
    private double _z1, _z2;

    private Biquad(double b0, double b1, double b2, double a0, double a1, double a2)
    {
        _b0 = b0 / a0;
        _b1 = b1 / a0;
        _b2 = b2 / a0;
        _a1 = a1 / a0;
        _a2 = a2 / a0;
    }

    /// <summary>Butterworth low-pass (Q = 1/√2) at <paramref name="cutoffHz"/>.</summary>
    public static Biquad LowPass(double cutoffHz, double sampleRate)
    {
        var (cos, alpha) = Prewarp(cutoffHz, sampleRate);
        return new Biquad((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /// <summary>Butterworth high-pass (Q = 1/√2) at <paramref name="cutoffHz"/>.</summary>
    public static Biquad HighPass(double cutoffHz, double sampleRate)
    {
        var (cos, alpha) = Prewarp(cutoffHz, sampleRate);
        return new Biquad((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    public double Next(double x)
    {
        var y = (_b0 * x) + _z1;
        _z1 = (_b1 * x) - (_a1 * y) + _z2;
        _z2 = (_b2 * x) - (_a2 * y);
        return y;
    }

    public void Reset() => (_z1, _z2) = (0, 0);

    private static (double Cos, double Alpha) Prewarp(double cutoffHz, double sampleRate)
    {
        var w = 2 * Math.PI * cutoffHz / sampleRate;
        return (Math.Cos(w), Math.Sin(w) / (2 * Math.Sqrt(0.5)));
    }
}
