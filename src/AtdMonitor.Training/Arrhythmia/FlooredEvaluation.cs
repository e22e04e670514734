using AtdMonitor.Data.Beats;
using AtdMonitor.Model.Inference;
using AtdMonitor.Training.Calibration;
using AtdMonitor.Training.Metrics;

namespace AtdMonitor.Training.Arrhythmia;

/// <summary>
/// Beats scored the way the worker treats them: a beat whose top calibrated probability is below the checkpoint's
/// confidence floor is unclassifiable (counted on its own, never as N); the others are judged by their top class.
/// </summary>
public sealed class FlooredEvaluation
{
    private FlooredEvaluation(ConfusionMatrix topClass, ConfusionMatrix judged, long[] unclassifiable, float floor, ReliabilityBins reliability)
    {
        TopClass = topClass;
        Judged = judged;
        Unclassifiable = unclassifiable;
        Floor = floor;
        Reliability = reliability;
    }

    /// <summary>Every beat by its top class, the floor ignored: the figure the literature reports.</summary>
    public ConfusionMatrix TopClass { get; }

    /// <summary>The beats at or above the floor, by their top class.</summary>
    public ConfusionMatrix Judged { get; }

    /// <summary>Beats below the floor, per true class.</summary>
    public IReadOnlyList<long> Unclassifiable { get; }

    public float Floor { get; }

    /// <summary>Share of the beats judged.</summary>
    public double Coverage => TopClass.Total == 0 ? double.NaN : (double)Judged.Total / TopClass.Total;

    /// <summary>Reliability of the calibrated probabilities on these beats (ECE).</summary>
    public ReliabilityBins Reliability { get; }

    /// <summary>Class <paramref name="index"/>'s F1 over all beats, an unclassifiable beat counted as missed for its true
    /// class: 2 TP / (beats of the class + beats judged as the class).</summary>
    public double F1OverAllBeats(int index)
    {
        var support = Judged.Scores(index).Support + Unclassifiable[index];
        var predicted = Judged.Scores(index).Predicted;
        return support + predicted == 0 ? double.NaN : 2.0 * Judged[index, index] / (support + predicted);
    }

    /// <summary>Scores <paramref name="probabilities"/> (from <see cref="ArrhythmiaEvaluation.Calls"/>) of <paramref name="indices"/>.</summary>
    public static FlooredEvaluation Of(BeatClassifier classifier, BeatDataset dataset, IReadOnlyList<int> indices, float[] probabilities)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(probabilities);
        var classes = classifier.ClassNames.Count;
        var topClass = new ConfusionMatrix(classifier.ClassNames);
        var judged = new ConfusionMatrix(classifier.ClassNames);
        var unclassifiable = new long[classes];
        var labels = new int[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            labels[i] = dataset.Labels[indices[i]];
            var (top, score) = ReliabilityBins.Top(probabilities.AsSpan(i * classes, classes));
            topClass.Add(labels[i], top);
            if (score >= classifier.ConfidenceFloor)
            {
                judged.Add(labels[i], top);
            }
            else
            {
                unclassifiable[labels[i]]++;
            }
        }

        return new FlooredEvaluation(topClass, judged, unclassifiable, classifier.ConfidenceFloor, ReliabilityBins.Of(probabilities, labels));
    }
}
