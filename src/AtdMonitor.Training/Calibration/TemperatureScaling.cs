namespace AtdMonitor.Training.Calibration;

/// <summary>
/// Temperature scaling (Guo et al. 2017): the one number T that minimises the negative log-likelihood of
/// softmax(logits / T) on held-out beats. It changes no prediction, only how sure each one claims to be.
/// </summary>
/// <remarks>Works from log-probabilities: log softmax(z) differs from z by a constant per beat, which softmax ignores,
/// so the logits need not be kept.</remarks>
public static class TemperatureScaling
{
    private const double LowestLog = -3; // T from e^-3 ≈ 0.05
    private const double HighestLog = 3; // to e^3 ≈ 20

    /// <summary>The fitted temperature.</summary>
    /// <param name="logProbabilities">[beats, classes] row-major log-probabilities (or logits) of the uncalibrated model.</param>
    /// <param name="labels">[beats] true classes.</param>
    public static double Fit(ReadOnlySpan<float> logProbabilities, ReadOnlySpan<int> labels)
    {
        if (labels.Length == 0 || logProbabilities.Length % labels.Length != 0)
        {
            throw new ArgumentException($"{logProbabilities.Length} scores do not make whole rows for {labels.Length} beats.", nameof(logProbabilities));
        }

        // Golden-section search on log T: the NLL is smooth and unimodal in T for a fixed set of logits.
        var ratio = (Math.Sqrt(5) - 1) / 2;
        double low = LowestLog, high = HighestLog;
        var a = high - (ratio * (high - low));
        var b = low + (ratio * (high - low));
        var fa = NegativeLogLikelihood(logProbabilities, labels, Math.Exp(a));
        var fb = NegativeLogLikelihood(logProbabilities, labels, Math.Exp(b));
        for (var i = 0; i < 60; i++)
        {
            if (fa < fb)
            {
                high = b;
                b = a;
                fb = fa;
                a = high - (ratio * (high - low));
                fa = NegativeLogLikelihood(logProbabilities, labels, Math.Exp(a));
            }
            else
            {
                low = a;
                a = b;
                fa = fb;
                b = low + (ratio * (high - low));
                fb = NegativeLogLikelihood(logProbabilities, labels, Math.Exp(b));
            }
        }

        return Math.Exp((low + high) / 2);
    }

    /// <summary>Mean −log softmax(scores / <paramref name="temperature"/>)[label].</summary>
    public static double NegativeLogLikelihood(ReadOnlySpan<float> logProbabilities, ReadOnlySpan<int> labels, double temperature)
    {
        var classes = logProbabilities.Length / labels.Length;
        double total = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var row = logProbabilities.Slice(i * classes, classes);
            var max = double.NegativeInfinity;
            foreach (var z in row)
            {
                max = Math.Max(max, z / temperature);
            }

            double sum = 0;
            foreach (var z in row)
            {
                sum += Math.Exp((z / temperature) - max);
            }

            total += max + Math.Log(sum) - (row[labels[i]] / temperature);
        }

        return total / labels.Length;
    }

    /// <summary>softmax(scores / <paramref name="temperature"/>) per row, written to <paramref name="probabilities"/>.</summary>
    public static void Apply(ReadOnlySpan<float> logProbabilities, int classes, double temperature, Span<float> probabilities)
    {
        for (var start = 0; start < logProbabilities.Length; start += classes)
        {
            var row = logProbabilities.Slice(start, classes);
            var max = double.NegativeInfinity;
            foreach (var z in row)
            {
                max = Math.Max(max, z / temperature);
            }

            double sum = 0;
            for (var c = 0; c < classes; c++)
            {
                sum += Math.Exp((row[c] / temperature) - max);
            }

            for (var c = 0; c < classes; c++)
            {
                probabilities[start + c] = (float)(Math.Exp((row[c] / temperature) - max) / sum);
            }
        }
    }
}
