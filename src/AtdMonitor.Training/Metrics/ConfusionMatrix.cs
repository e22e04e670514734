namespace AtdMonitor.Training.Metrics;

/// <summary>
/// Counts of (true class, predicted class) pairs and the scores derived from them: accuracy, per-class
/// sensitivity / PPV / F1 and macro-F1. Rows are the truth, columns the prediction.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[,] _counts;

    public ConfusionMatrix(IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count < 2)
        {
            throw new ArgumentException("A confusion matrix needs at least two classes.", nameof(classNames));
        }

        ClassNames = classNames.ToArray();
        _counts = new long[classNames.Count, classNames.Count];
    }

    public IReadOnlyList<string> ClassNames { get; }

    public int ClassCount => ClassNames.Count;

    /// <summary>All counted samples.</summary>
    public long Total { get; private set; }

    /// <summary>The count of samples of class <paramref name="truth"/> predicted as <paramref name="predicted"/>.</summary>
    public long this[int truth, int predicted] => _counts[truth, predicted];

    public void Add(int truth, int predicted) => Add(truth, predicted, 1);

    /// <summary>Adds <paramref name="count"/> samples of class <paramref name="truth"/> predicted as <paramref name="predicted"/>.</summary>
    public void Add(int truth, int predicted, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(truth);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(truth, ClassCount);
        ArgumentOutOfRangeException.ThrowIfNegative(predicted);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(predicted, ClassCount);
        _counts[truth, predicted] += count;
        Total += count;
    }

    public void AddRange(ReadOnlySpan<int> truths, ReadOnlySpan<int> predictions)
    {
        if (truths.Length != predictions.Length)
        {
            throw new ArgumentException($"{truths.Length} labels but {predictions.Length} predictions.", nameof(predictions));
        }

        for (var i = 0; i < truths.Length; i++)
        {
            Add(truths[i], predictions[i]);
        }
    }

    /// <summary>Fraction of samples on the diagonal; NaN when empty.</summary>
    public double Accuracy
    {
        get
        {
            long correct = 0;
            for (var c = 0; c < ClassCount; c++)
            {
                correct += _counts[c, c];
            }

            return Total == 0 ? double.NaN : (double)correct / Total;
        }
    }

    /// <summary>One-vs-rest scores of class <paramref name="index"/>.</summary>
    public ClassScores Scores(int index)
    {
        long support = 0, predicted = 0;
        for (var c = 0; c < ClassCount; c++)
        {
            support += _counts[index, c];
            predicted += _counts[c, index];
        }

        var truePositives = _counts[index, index];
        var sensitivity = support == 0 ? double.NaN : (double)truePositives / support;
        var ppv = predicted == 0 ? double.NaN : (double)truePositives / predicted;
        double f1;
        if (support == 0 && predicted == 0)
        {
            f1 = double.NaN;
        }
        else
        {
            // 2TP / (2TP + FP + FN): defined whenever the class occurs on either side, 0 when TP is 0.
            f1 = 2.0 * truePositives / (support + predicted);
        }

        return new ClassScores(ClassNames[index], support, predicted, sensitivity, ppv, f1);
    }

    public IReadOnlyList<ClassScores> AllScores() => Enumerable.Range(0, ClassCount).Select(Scores).ToArray();

    /// <summary>
    /// Mean F1 over the classes that occur in the truth or the predictions (a class absent from both, such as
    /// Q in DS2, has no F1 and is left out rather than counted as 0 or 1).
    /// </summary>
    public double MacroF1
    {
        get
        {
            var defined = AllScores().Select(s => s.F1).Where(f => !double.IsNaN(f)).ToArray();
            return defined.Length == 0 ? double.NaN : defined.Average();
        }
    }

    /// <summary>The counts as a dense array [truth, predicted] (for plots and reports).</summary>
    public long[,] ToArray() => (long[,])_counts.Clone();
}
