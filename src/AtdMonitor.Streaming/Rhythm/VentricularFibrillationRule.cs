using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>
/// Ventricular fibrillation and flutter from the signal: the VF-filter leakage of Kuo and Dillman (1978) over the last
/// 4 s. The signal is smoothed and its baseline removed; its mean period T follows from the ratio of mean absolute
/// value to mean absolute slope, and the leakage is how much of it survives a filter that cancels a sine of period T:
/// Σ|v(i) + v(i − T/2)| / Σ(|v(i)| + |v(i − T/2)|). A quasi-sinusoidal fibrillation or flutter wave leaks little
/// (below about 0.4); QRS complexes separated by flat baseline leak a lot. Lower figures fire.
/// </summary>
public sealed class VentricularFibrillationRule : ISignalAlertRule
{
    public const int Seconds = 4;

    private const int SmoothingSamples = 5;
    private const int BaselineSamples = SignalHistory.SampleRate / 2;
    private readonly float[] _raw = new float[Seconds * SignalHistory.SampleRate];

    // Reused for every window: the rule runs once a window per bed, so fresh buffers would be most of what it costs.
    private readonly double[] _scratch = new double[ScratchLength(Seconds * SignalHistory.SampleRate)];

    public string Type => AlertTypes.VentricularFibrillation;

    public double? Measure(SignalHistory signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return signal.TryReadNewest(_raw) ? Leakage(_raw, _scratch) : null;
    }

    public string Describe(double value) => value < 1 ? $"ventricular fibrillation/flutter: VF-filter leakage {value:0.00}" : "ventricular fibrillation: ended";

    private static int ScratchLength(int samples) => (2 * samples) + 1;

    /// <summary>The VF-filter leakage of a stretch of signal (0: a pure sine; near 1: spiky, QRS-like), computed in <paramref name="scratch"/>.</summary>
    private static double Leakage(ReadOnlySpan<float> raw, Span<double> scratch)
    {
        var v = Condition(raw, scratch[..raw.Length], scratch[raw.Length..]);
        double sumAbs = 0, sumSlope = 0;
        for (var i = 1; i < v.Length; i++)
        {
            sumAbs += Math.Abs(v[i]);
            sumSlope += Math.Abs(v[i] - v[i - 1]);
        }

        if (sumSlope <= 1e-9)
        {
            return 1;
        }

        var half = (int)Math.Floor((Math.PI * sumAbs / sumSlope) + 0.5);
        if (half < 1 || half >= v.Length / 2)
        {
            return 1;
        }

        double numerator = 0, denominator = 0;
        for (var i = half; i < v.Length; i++)
        {
            numerator += Math.Abs(v[i] + v[i - half]);
            denominator += Math.Abs(v[i]) + Math.Abs(v[i - half]);
        }

        return denominator <= 1e-9 ? 1 : numerator / denominator;
    }

    // Moving-average smoothing (mains and muscle noise shorten the apparent period) and a moving-mean baseline removal,
    // in place in smooth; prefix holds raw.Length + 1 running sums.
    private static ReadOnlySpan<double> Condition(ReadOnlySpan<float> raw, Span<double> smooth, Span<double> prefix)
    {
        double sum = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            sum += raw[i];
            if (i >= SmoothingSamples)
            {
                sum -= raw[i - SmoothingSamples];
            }

            smooth[i] = sum / Math.Min(i + 1, SmoothingSamples);
        }

        var half = BaselineSamples / 2;
        prefix[0] = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            prefix[i + 1] = prefix[i] + smooth[i];
        }

        for (var i = 0; i < raw.Length; i++)
        {
            var from = Math.Max(0, i - half);
            var to = Math.Min(raw.Length, i + half + 1);
            smooth[i] -= (prefix[to] - prefix[from]) / (to - from);
        }

        return smooth;
    }
}
