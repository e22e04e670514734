namespace AtdMonitor.Training.Calibration;

/// <summary>
/// Beats grouped by their top probability (confidence) into equal-width bins: per bin the mean confidence and the
/// accuracy, and the expected calibration error (ECE) = Σ (beats in bin / beats) × |accuracy − confidence|.
/// </summary>
public sealed class ReliabilityBins
{
    public const int DefaultBins = 15;

    private ReliabilityBins(int[] counts, double[] confidence, double[] accuracy)
    {
        Counts = counts;
        MeanConfidence = confidence;
        Accuracy = accuracy;
    }

    /// <summary>Beats per bin (bin b covers confidences in (b/B, (b+1)/B]).</summary>
    public IReadOnlyList<int> Counts { get; }

    /// <summary>Mean confidence per bin (NaN when empty).</summary>
    public IReadOnlyList<double> MeanConfidence { get; }

    /// <summary>Share of correct top classes per bin (NaN when empty).</summary>
    public IReadOnlyList<double> Accuracy { get; }

    public double ExpectedCalibrationError
    {
        get
        {
            var total = Counts.Sum();
            if (total == 0)
            {
                return 0;
            }

            double error = 0;
            for (var b = 0; b < Counts.Count; b++)
            {
                if (Counts[b] > 0)
                {
                    error += (double)Counts[b] / total * Math.Abs(Accuracy[b] - MeanConfidence[b]);
                }
            }

            return error;
        }
    }

    /// <param name="probabilities">[beats, classes] row-major.</param>
    /// <param name="labels">[beats] true classes (none gives empty bins and an ECE of 0).</param>
    /// <param name="bins">Number of equal-width confidence bins.</param>
    public static ReliabilityBins Of(ReadOnlySpan<float> probabilities, ReadOnlySpan<int> labels, int bins = DefaultBins)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bins);
        if (labels.Length == 0 ? probabilities.Length != 0 : probabilities.Length % labels.Length != 0)
        {
            throw new ArgumentException($"{probabilities.Length} probabilities do not make whole rows for {labels.Length} beats.", nameof(probabilities));
        }

        var classes = labels.Length == 0 ? 0 : probabilities.Length / labels.Length;
        var counts = new int[bins];
        var confidence = new double[bins];
        var correct = new double[bins];
        for (var i = 0; i < labels.Length; i++)
        {
            var (top, score) = Top(probabilities.Slice(i * classes, classes));
            var bin = Math.Clamp((int)Math.Ceiling(score * bins) - 1, 0, bins - 1);
            counts[bin]++;
            confidence[bin] += score;
            correct[bin] += top == labels[i] ? 1 : 0;
        }

        for (var b = 0; b < bins; b++)
        {
            confidence[b] = counts[b] == 0 ? double.NaN : confidence[b] / counts[b];
            correct[b] = counts[b] == 0 ? double.NaN : correct[b] / counts[b];
        }

        return new ReliabilityBins(counts, confidence, correct);
    }

    /// <summary>The top class of one row of probabilities and its probability.</summary>
    public static (int Class, float Probability) Top(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var c = 1; c < row.Length; c++)
        {
            if (row[c] > row[best])
            {
                best = c;
            }
        }

        return (best, row[best]);
    }
}
